using System.Diagnostics;
using Runner.Sweeps.Launchers.Slurm;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// A signal in an array task's first second, while .NET starts and before Runner's handlers exist, used to
/// kill the task unrequeued. The batch shell now holds it until Runner can take it. Six tasks, each signalled
/// 0.2, 0.5 or 1 s after its batch shell started: USR1 to the shell alone (what `--signal=B:USR1@grace`
/// does), and SIGTERM to every process of the task (`scontrol requeue`, which stops a
/// task as preemption with PreemptMode=REQUEUE does). Each is handled by Runner, runs again, and the sweep
/// ends equal to a local one.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
public sealed class SlurmStartupSignalTests
{
    // Unfused: six runs, six tasks (fused, one task would train them all).
    static readonly string Six = $$"""
        name: six
        data: {dataset: {name: synthetic, train_samples: 3000, test_samples: 100, image_size: [8, 8]}, validation_split: 0.1}
        {{ModelYaml.Mlp(16, input: "[8, 8]")}}
        train: {optimizer: adam, epochs: 2, batch_size: 16, seed: ${seed}, threads: 1, fuse: "off"}
        sweep: {seed: [1, 2, 3, 4, 5, 6]}
        """;

    static readonly double[] Delays = [0.2, 0.5, 1.0];

    [SlurmFact]
    public void USR1_or_SIGTERM_in_a_tasks_first_second_is_held_until_Runner_takes_it()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Six);
        var (localCode, localOutput) = RunnerProcess.Run("run", folder.File, "--results", folder["local"], "--no-report");
        Assert.True(localCode == 0, localOutput);

        var dir = Path.Combine(folder["slurm"], "six");
        var logs = Path.Combine(dir, "slurm", "logs");
        using var submit = RunnerProcess.Start("submit", folder.File, "--results", folder["slurm"], "--max-parallel", "1", "--wait");
        Assert.True(Poll.Until(() => File.Exists(Path.Combine(dir, "slurm", "jobs.csv")), TimeSpan.FromMinutes(2)), submit.Output);
        var array = File.ReadAllLines(Path.Combine(dir, "slurm", "jobs.csv"))[1].Split(',')[1];

        // Watch every task's log for its first line (the batch shell's), then signal it after its delay.
        var started = new Dictionary<int, Stopwatch>();
        var signalled = new HashSet<int>();
        var sent = new List<Thread>();
        var reports = new System.Collections.Concurrent.ConcurrentBag<string>();
        while (signalled.Count < 6 && !submit.HasExited)
        {
            for (int task = 0; task < 6; task++)
            {
                var log = Path.Combine(logs, $"{array}_{task}.out");
                if (!started.ContainsKey(task) && File.Exists(log) && File.ReadAllText(log).Contains("attempt 1")) started[task] = Stopwatch.StartNew();
                if (started.TryGetValue(task, out var clock) && !signalled.Contains(task) && clock.Elapsed.TotalSeconds >= Delays[task % 3])
                {
                    var id = $"{array}_{task}";
                    // In the background: one client call must not delay another task's signal.
                    string[] command = task < 3 ? ["kill", "-USR1", BatchShellOf(array, task)] : ["scontrol", "requeue", id];
                    sent.Add(new Thread(() => Send(command, clock, reports)) { IsBackground = true });
                    sent[^1].Start();
                    signalled.Add(task);
                }
            }
            Thread.Sleep(10);
        }
        foreach (var thread in sent) thread.Join();
        var report = string.Join("\n", reports.Order());
        Assert.True(reports.All(r => r.EndsWith("exit 0")), report);
        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(10)) == 0, report + "\n" + submit.Output);

        for (int task = 0; task < 6; task++)
        {
            var log = File.ReadAllText(Path.Combine(logs, $"{array}_{task}.out"));
            Assert.True(log.Contains(task < 3 ? $"time limit near: requeued task {array}_{task}" : "stopped by SIGTERM"), report + "\n" + log);
            Assert.Contains("attempt 2", log);
        }
        SweepFiles.AssertSame(Path.Combine(folder["local"], "six"), dir);
    }

    /// <summary>
    /// The pid of a task's batch shell (slurmd's copy of the script, with the task's ids in its environment):
    /// signalling it is exactly what `--signal=B:USR1@grace` does. `scancel -b` does the same but, for a task
    /// in its first second, slurmctld answers "Job can not be altered now" and scancel retries for 18 s.
    /// </summary>
    static string BatchShellOf(string array, int task)
    {
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(proc, "cmdline")).Contains("slurm_script")) continue;
                var environment = File.ReadAllText(Path.Combine(proc, "environ")).Split('\0');
                if (environment.Contains($"SLURM_ARRAY_JOB_ID={array}") && environment.Contains($"SLURM_ARRAY_TASK_ID={task}"))
                    return Path.GetFileName(proc);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        throw new InvalidOperationException($"no batch shell of task {array}_{task} is running");
    }

    /// <summary>
    /// Runs the Slurm client (by a plain process: the thread pool may be starved on a busy machine), again
    /// while slurmctld answers 229 (a task it has just started is not yet signallable), and records when the
    /// signal was accepted.
    /// </summary>
    static void Send(string[] command, Stopwatch sinceStart, System.Collections.Concurrent.ConcurrentBag<string> reports)
    {
        int exit = 0, tries = 0;
        while (tries < 100 && (tries == 0 || exit == 229))
        {
            if (tries > 0) Thread.Sleep(20);
            var start = new ProcessStartInfo(command[0] == "kill" ? "/bin/kill" : SlurmCommands.Locate(command[0])!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
            foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
            var took = Stopwatch.StartNew();
            using var client = System.Diagnostics.Process.Start(start)!;
            client.StandardInput.Close();
            var error = client.StandardError.ReadToEnd() + client.StandardOutput.ReadToEnd();
            if (took.Elapsed.TotalSeconds > 2) reports.Add($"{string.Join(' ', command)}: took {took.Elapsed.TotalSeconds:0.0} s: {error}");
            client.WaitForExit();
            exit = client.ExitCode;
            tries++;
        }
        reports.Add($"{string.Join(' ', command)}: accepted {sinceStart.Elapsed.TotalSeconds:0.00} s after the task started, after {tries} tries, exit {exit}");
    }
}
