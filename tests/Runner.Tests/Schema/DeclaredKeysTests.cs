using Runner.Config.Binding;

namespace Runner.Tests.Schema;

/// <summary>
/// Every declared key is one its binder reads: a value no key accepts, written at any declared key,
/// gets an error naming that key. (Reading an undeclared key throws in SectionReader, so declarations
/// and binders agree both ways, and the schema generated from the declarations says what binding does.)
/// </summary>
public class DeclaredKeysTests
{
    const string NoKeyAcceptsThis = "[[zzz]]";

    /// <summary>A valid experiment with every section present, as nested mappings of YAML value texts.</summary>
    static Dictionary<string, object> Base() => new()
    {
        ["name"] = "keys",
        ["data"] = new Dictionary<string, object> { ["dataset"] = "synthetic", ["validation_split"] = "0.2" },
        ["model"] = new Dictionary<string, object> { ["input"] = "[28, 28]", ["layers"] = "[flatten, {dense: {units: 10, activation: softmax}}]" },
        ["train"] = new Dictionary<string, object>
        {
            ["epochs"] = "3",
            ["early_stopping"] = new Dictionary<string, object> { ["patience"] = "1" },
        },
        ["pruning"] = new Dictionary<string, object> { ["method"] = "median" },
        ["report"] = new Dictionary<string, object> { ["metric"] = "val_accuracy" },
    };

    public static TheoryData<string> DeclaredPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Section section)
        {
            foreach (var key in section.Keys.Where(k => k is not SweepKey))
            {
                data.Add(section.Path.Length == 0 ? key.Name : $"{section.Path}.{key.Name}");
                if (key is SectionKey nested) Walk(nested.Section);
            }
        }
        Walk(ExperimentBinder.Top);
        return data;
    }

    [Fact]
    public void The_base_experiment_is_valid()
    {
        var result = TestExperiments.Load(Render(Base()));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(DeclaredPaths))]
    public void A_wrong_value_at_a_declared_key_is_reported_there(string path)
    {
        var config = Base();
        var parts = path.Split('.');
        var section = parts[..^1].Aggregate(config, (s, part) => (Dictionary<string, object>)s[part]);
        section[parts[^1]] = NoKeyAcceptsThis;

        var result = TestExperiments.Load(Render(config));

        Assert.False(result.Succeeded, $"{path}: {NoKeyAcceptsThis} was accepted");
        Assert.True(result.Errors.Any(e => e.Message.StartsWith(path, StringComparison.Ordinal)),
            $"no error names {path}:\n{string.Join("\n", result.Errors)}");
    }

    static string Render(Dictionary<string, object> config) =>
        string.Join("\n", config.Select(e => $"{e.Key}: {Flow(e.Value)}")) + "\n";

    static string Flow(object value) => value is Dictionary<string, object> mapping
        ? "{" + string.Join(", ", mapping.Select(e => $"{e.Key}: {Flow(e.Value)}")) + "}"
        : (string)value;
}
