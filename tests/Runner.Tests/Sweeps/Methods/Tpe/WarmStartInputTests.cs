using Runner.Sweeps;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>
/// A `warm_start:` folder a search can't start from is refused at its entry in the experiment file (file:line:col,
/// as validation errors are), saying what it is instead (red team): missing, a symbolic link (never followed), a
/// file, or a folder that is not a Runner results folder (/etc was told to choose another folder with --results).
/// </summary>
public sealed class WarmStartInputTests
{
    // The warm_start entry's folder is line 9, column 18 (the opening quote).
    static string Search(string folder) => $$$"""
        name: ws
        data: {dataset: mnist, validation_split: 0.1, train_limit: 100, test_limit: 50}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: 0.01}, epochs: 1, batch_size: 32}
        sweep:
          tpe:
            trials: 4
            startup: 2
            warm_start: ["{{{folder}}}"]
            units: {int: [16, 64]}
        """;

    static string Refusal(TempFolder temp, string folder)
    {
        var search = TpeSweeper.SearchOf(TestExperiments.Valid(Search(folder)));
        return Assert.Throws<SweepInputException>(() => WarmStart.Scan(search, temp["results/ws"], "val_accuracy")).Message;
    }

    [Fact]
    public void A_missing_folder_or_a_file_is_refused_at_the_warm_start_entry()
    {
        using var temp = new TempFolder();
        Assert.Equal($"exp.yaml:9:18: sweep.tpe.warm_start: '{temp["gone"]}' does not exist; give the results folder of an earlier search, e.g. results/<its name>",
            Refusal(temp, temp["gone"]));
        File.WriteAllText(temp["runs.csv"], "run_id\n");
        Assert.StartsWith($"exp.yaml:9:18: sweep.tpe.warm_start: '{temp["runs.csv"]}' is not a folder;", Refusal(temp, temp["runs.csv"]));
    }

    [Fact]
    public void A_symbolic_link_is_called_one_and_refused_even_when_it_leads_to_a_results_folder()
    {
        using var temp = new TempFolder();
        var earlier = new SearchResultsFixture().Write(temp["results"]);
        Directory.CreateSymbolicLink(temp["link"], earlier);
        foreach (var written in new[] { temp["link"], temp["link"] + "/" }) // a trailing slash would make the OS follow it
            Assert.StartsWith($"exp.yaml:9:18: sweep.tpe.warm_start: '{written}' is a symbolic link (to {earlier}), refused: Runner never follows a link",
                Refusal(temp, written));
    }

    [Fact]
    public void A_folder_that_is_not_a_results_folder_is_called_so_without_walking_it_or_suggesting_results()
    {
        using var temp = new TempFolder();
        var etc = temp["etc"];
        Directory.CreateDirectory(Path.Combine(etc, "alternatives"));
        File.WriteAllText(Path.Combine(etc, "hosts"), "127.0.0.1 localhost\n");
        File.CreateSymbolicLink(Path.Combine(etc, "alternatives", "editor"), "/usr/bin/vi"); // the results-folder guard would stop here
        var message = Refusal(temp, etc);
        Assert.Equal($"exp.yaml:9:18: sweep.tpe.warm_start: '{etc}' is not a Runner results folder: it has no runs.csv and no runs/ folder. " +
                     "A results folder is what `runner run` writes for an experiment, results/<experiment name>/, with runs.csv, sweep.json and one folder per run under runs/",
            message);
        Assert.DoesNotContain("--results", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_objective_warm_start_is_refused_at_the_warm_start_line()
    {
        var file = Path.Combine(Repository.Experiments, "tpe_warm_start.yaml");
        var line = Array.FindIndex(File.ReadAllLines(file), l => l.TrimStart().StartsWith("warm_start:", StringComparison.Ordinal)) + 1;
        var error = Assert.Single(Runner.Planning.ExperimentLoader.Load(file, ["report.objectives={val_accuracy: max, parameters: min}"], TestExperiments.Options).Errors);
        Assert.Contains("sweep.tpe.warm_start: an earlier run is read with its report metric alone", error.Message, StringComparison.Ordinal);
        Assert.Equal((file, line), (error.File, error.Line));
    }
}
