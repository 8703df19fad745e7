using System.Text.RegularExpressions;

namespace Runner.Models.Shapes;

/// <summary>
/// Keras's automatic layer names: the class name in snake case, numbered from the second one on
/// (dense, dense_1, max_pooling2d, ...). One instance names one model.
/// </summary>
public sealed partial class KerasNames
{
    readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);

    public string Next(string kerasClass)
    {
        var stem = SnakeCase(kerasClass);
        int seen = _used.GetValueOrDefault(stem);
        _used[stem] = seen + 1;
        return seen == 0 ? stem : $"{stem}_{seen}";
    }

    /// <summary>Keras's to_snake_case: "MaxPooling2D" -> "max_pooling2d", "Conv2D" -> "conv2d".</summary>
    public static string SnakeCase(string name)
    {
        var s = WordStart().Replace(name, "$1_$2");
        return LowerUpper().Replace(s, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex WordStart();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();
}
