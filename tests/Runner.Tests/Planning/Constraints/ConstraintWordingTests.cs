using Runner.Planning.Constraints;
using Runner.Reporting;

namespace Runner.Tests.Planning.Constraints;

/// <summary>
/// What constraints say to people (red team): a bound as it is written (1e308, not .NET's 1E+308); a plain text
/// where the list goes refused, as the JSON schema does (it asks for a list), not half-accepted; a report whose
/// finished runs all break a constraint says so and names the nearest, instead of "No run has finished".
/// </summary>
public sealed class ConstraintWordingTests
{
    [Theory]
    [InlineData("train_seconds <= 1e308", "train_seconds <= 1e308")]
    [InlineData("val_loss <= 1E-05", "val_loss <= 1e-5")]
    [InlineData("parameters <= 50_000", "parameters <= 50000")]
    [InlineData("val_accuracy >= 0.85", "val_accuracy >= 0.85")]
    public void A_bound_reads_as_it_is_written(string text, string canonical)
    {
        var constraint = SweepConstraint.Parse(text).Constraint!;
        Assert.Equal(canonical, constraint.Text);
        Assert.Equal(constraint.Bound, SweepConstraint.Parse(constraint.Text).Constraint!.Bound); // sweep.json reads it back
    }

    [Fact]
    public void A_plain_text_is_refused_as_the_schema_refuses_it_with_the_list_to_write()
    {
        var yaml = TestExperiments.Mlp + "\nsweep:\n  train.epochs: [1, 2]\n  constraints: \"parameters <= 100000\"\n";
        var error = Assert.Single(TestExperiments.Errors(yaml));
        var (line, column) = TestExperiments.Where(yaml, "\"parameters");
        Assert.Equal($"exp.yaml:{line}:{column}: sweep.constraints: expected a list of constraints, got 'parameters <= 100000'; write even one as a list, " +
                     "e.g. `constraints: [\"parameters <= 100000\"]`", error.ToString());
        Assert.Single(TestExperiments.Valid(yaml.Replace("\"parameters <= 100000\"", "[\"parameters <= 100000\"]")).Constraints.All);
    }

    [Fact]
    public void When_every_finished_run_breaks_a_constraint_the_answer_says_so_and_names_the_nearest()
    {
        using var temp = new TempFolder();
        // The fixture's runs have units x 795 parameters: none keeps within 1,000, the fewest units come nearest.
        var directory = new SearchResultsFixture { Constraints = """["parameters <= 1000"]""" }.Write(temp.Path);
        var result = ReportWriter.Write(directory, _ => { }, null);
        var answer = Assert.Single(result.Answer, l => l.StartsWith("None of", StringComparison.Ordinal));
        Assert.StartsWith("None of the 12 runs that finished is within the constraints (parameters <= 1000), so there is no best configuration. The nearest 3: ", answer);
        Assert.DoesNotContain(result.Answer, l => l.Contains("No run has finished", StringComparison.Ordinal));
        var runs = File.ReadAllLines(Path.Combine(directory, "runs.csv")).Skip(1).Select(l => l.Split('"')[1])
            .OrderBy(id => int.Parse(id.Split("units=")[1], System.Globalization.CultureInfo.InvariantCulture)).Take(3).ToList();
        var nearest = answer[(answer.IndexOf("The nearest 3: ", StringComparison.Ordinal) + 15)..];
        Assert.Equal(runs, nearest.Split("; ").Select(part => part[..part.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Contains($"{runs[0]} (parameters = ", nearest, StringComparison.Ordinal);
    }
}
