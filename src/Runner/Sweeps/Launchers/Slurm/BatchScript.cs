using System.Globalization;
using System.Text;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// The two batch scripts `runner submit` writes and keeps in results/&lt;name&gt;/slurm/submit-&lt;time&gt;/:
/// the job array (task i trains the runs on line i+1 of tasks.txt, one run or a fused array, with the kept build, started by a shell that
/// holds Slurm's signals until Runner can take them) and the report job that runs after it. Options are #SBATCH lines, so a
/// kept script says exactly what was asked for.
/// </summary>
public static class BatchScript
{
    public static string Array(SubmitRequest request, string name, IReadOnlyList<IReadOnlyList<Planning.PlannedRun>> tasks, string tasksFile, string logs,
        string dotnet, string runnerDll) =>
        ArrayScript(request, name, $"one array task per fused array or lone run of '{name}' not done or pruned " +
                                   $"({tasks.Count} tasks, {tasks.Sum(t => t.Count)} runs)", tasks.Count, logs, $$"""

            mapfile -t tasks < {{Quote(tasksFile)}}
            read -ra runs <<< "${tasks[$SLURM_ARRAY_TASK_ID]}"
            only=()
            for run in "${runs[@]}"; do only+=(--only "$run"); done
            echo "runner: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 )), on $HOSTNAME: ${runs[*]}"
            # Runner receives USR1 (time limit near) and SIGTERM (preemption), checkpoints every run of the task,
            # requeues this task alone and exits; the requeued task resumes each from its checkpoint.

            """ + HoldingSignals(dotnet, runnerDll, $"run {Quote(request.ExperimentFile)} --results {Quote(request.ResultsRoot)} \"${{only[@]}}\" --requeue --no-report{TaskOptions(request)}"));

    /// <summary>The array of an adaptive sweep (a race, a TPE search): task i is worker i+1 of n, taking the
    /// next run no other worker has, with the decisions shared through the results folder's journal.</summary>
    public static string Workers(SubmitRequest request, string name, int workers, string logs, string dotnet, string runnerDll) =>
        ArrayScript(request, name, $"{workers} workers of the adaptive sweep '{name}', sharing its decisions", workers, logs, $$"""

            worker="$(( SLURM_ARRAY_TASK_ID + 1 ))/{{workers.ToString(CultureInfo.InvariantCulture)}}"
            echo "runner: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 )), on $HOSTNAME: worker $worker"
            # Runner receives USR1 (time limit near) and SIGTERM (preemption), checkpoints the run it trains,
            # requeues this task alone and exits; the requeued worker resumes that run and goes on.

            """ + HoldingSignals(dotnet, runnerDll, $"run {Quote(request.ExperimentFile)} --results {Quote(request.ResultsRoot)} --shard \"$worker\" --requeue --no-report{TaskOptions(request)}"));

    /// <summary>
    /// Starts Runner from the batch shell, which holds USR1 and SIGTERM until Runner can take them. Slurm may
    /// signal a task at any moment, and in the second or so before .NET has installed Runner's handlers the
    /// default action would kill it unrequeued. Preemption signals every process of the task, so Runner starts
    /// with SIGTERM ignored (its own copy is dropped; USR1 goes to the shell alone), and the shell keeps what
    /// reaches it. Once Runner's handlers exist Runner sends the shell USR2 (<see cref="BatchShell"/>), and the
    /// shell passes on what it kept and all that comes later. It waits for Runner and exits with its status.
    /// </summary>
    static string HoldingSignals(string dotnet, string runnerDll, string arguments) => $$"""
        held=() ready=0 runner=""
        pass_on() { if (( ready )); then kill -s "$1" "$runner" 2>/dev/null; else held+=("$1"); fi; }
        trap 'pass_on USR1' USR1
        trap 'pass_on TERM' TERM
        trap 'ready=1; for signal in "${held[@]}"; do kill -s "$signal" "$runner" 2>/dev/null; done; held=()' USR2
        ( trap '' TERM; {{BatchShell.Variable}}=$$ exec {{Quote(dotnet)}} {{Quote(runnerDll)}} {{arguments}} ) &
        runner=$!
        # wait returns early for each trapped signal; the last wait gives Runner's exit status.
        while kill -0 "$runner" 2>/dev/null; do wait "$runner"; done
        wait "$runner"

        """;

    static string ArrayScript(SubmitRequest request, string name, string what, int tasks, string logs, string body)
    {
        var text = Header(what);
        Option(text, "--job-name", SlurmLauncher.JobName(name));
        Option(text, "--array", $"0-{tasks - 1}" + (request.MaxParallel is { } p ? $"%{p}" : ""));
        Option(text, "--output", Path.Combine(Literal(logs), "%A_%a.out"));
        Option(text, "--open-mode", "append");
        Option(text, "--requeue", null);
        Option(text, "--signal", $"B:USR1@{request.GraceSeconds}");
        Option(text, "--cpus-per-task", request.CpusPerTask.ToString(CultureInfo.InvariantCulture));
        if (request.Time is { } time) Option(text, "--time", time);
        if (request.Memory is { } mem) Option(text, "--mem", mem);
        if (request.Gpus is { } gpus) Option(text, "--gpus", gpus);
        Shared(text, request);
        text.Append(body);
        return text.ToString();
    }

    public static string Report(SubmitRequest request, string name, string arrayJob, string logs, string experimentDir,
        string dotnet, string runnerDll)
    {
        var text = Header($"the report of '{name}' once array job {arrayJob} has ended (afterany)");
        Option(text, "--job-name", SlurmLauncher.JobName(name) + "-report");
        Option(text, "--dependency", $"afterany:{arrayJob}");
        Option(text, "--output", Path.Combine(Literal(logs), "report-%j.out"));
        Option(text, "--open-mode", "append");
        Option(text, "--cpus-per-task", "1");
        Shared(text, request);
        text.Append($"""

            exec {Quote(dotnet)} {Quote(runnerDll)} report {Quote(experimentDir)}

            """);
        return text.ToString();
    }

    /// <summary>Text that can sit in an #SBATCH line: sbatch reads those lines itself, without a shell.</summary>
    public static bool IsPlain(string text) => text.Length > 0 && text.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('"' or '\'' or '\\'));

    /// <summary>
    /// A folder in sbatch's filename pattern of --output: every `%` is a replacement there (`%j` the job id), so a
    /// results folder named `a%jb` sent each task's log to a folder that does not exist, and the task failed with
    /// no log. `%%` is a literal `%`.
    /// </summary>
    public static string Literal(string folder) => folder.Replace("%", "%%");

    /// <summary>A word for bash, single-quoted: nothing inside is expanded.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    static StringBuilder Header(string what) => new StringBuilder()
        .Append("#!/bin/bash\n")
        .Append($"# Written by `runner submit` at {DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}: {what}.\n");

    static void Shared(StringBuilder text, SubmitRequest request)
    {
        if (request.Partition is { } partition) Option(text, "--partition", partition);
        foreach (var argument in request.SbatchArguments) text.Append($"#SBATCH {argument}\n");
    }

    static void Option(StringBuilder text, string name, string? value) =>
        text.Append(value is null ? $"#SBATCH {name}\n" : $"#SBATCH {name}={value}\n");

    static string TaskOptions(SubmitRequest request)
    {
        var options = new StringBuilder();
        options.Append($" --max-runs {request.MaxRuns.ToString(CultureInfo.InvariantCulture)}");
        foreach (var set in request.Overrides) options.Append($" --set {Quote(set)}");
        return options.ToString();
    }
}
