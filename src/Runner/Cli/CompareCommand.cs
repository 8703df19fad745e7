using System.CommandLine;
using Runner.Files;
using Runner.Reporting;

namespace Runner.Cli;

/// <summary>`runner compare A B`: two sweeps or experiments side by side.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("first") { Description = "A results folder, e.g. results/optimizers" };
        var second = new Argument<string>("second") { Description = "Another results folder" };
        CommonOptions.RefuseOptionLookalikes(first);
        CommonOptions.RefuseOptionLookalikes(second);
        var output = new Option<string?>("--output") { Description = "Where to write the comparison (default: <first>/compare-<second name>)" };
        var command = new Command("compare", "Put two sweeps side by side: joined leaderboards and the best curves of each")
        {
            first, second, output, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            var a = parse.GetValue(first)!;
            var b = parse.GetValue(second)!;
            foreach (var dir in new[] { a, b })
                if (!File.Exists(Path.Combine(dir, "runs.csv")))
                {
                    Console.Error.WriteLine($"runner compare: {dir} has no runs.csv; give two experiments' results folders");
                    return ExitCodes.ConfigError;
                }
            ResultsFolderGuard.Check(a);
            ResultsFolderGuard.Check(b);
            var target = parse.GetValue(output) ?? Path.Combine(a, $"compare-{Path.GetFileName(Path.TrimEndingDirectorySeparator(b))}");
            ComparisonWriter.Write(a, b, target, Console.WriteLine);
            Console.WriteLine($"Comparison: {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
