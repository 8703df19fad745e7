using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;
using Runner.Reporting.Results;

namespace Runner.Reporting.Charts;

/// <summary>
/// Turns the text arguments of a resolved config's dataset back into typed <see cref="Arguments"/>.
/// The config was validated when the sweep ran, so this only converts; anything unreadable falls
/// back to the declared default (an image grid is not worth failing over).
/// </summary>
internal static class DatasetArguments
{
    public static Arguments From(DatasetReference dataset, IReadOnlyList<ParameterInfo> parameters)
    {
        var given = new List<(string, object)>();
        foreach (var (name, text) in dataset.Arguments)
        {
            var parameter = parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (parameter is not null && Convert(text, parameter.Type) is { } value) given.Add((parameter.Name, value));
        }
        return Arguments.For(parameters, given.ToArray());
    }

    static object? Convert(string text, ParameterType type)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ParameterType.Int: return int.TryParse(text, NumberStyles.Integer, inv, out var i) ? i : null;
            case ParameterType.Float: return double.TryParse(text, NumberStyles.Float, inv, out var d) ? d : null;
            case ParameterType.Bool: return bool.TryParse(text, out var b) ? b : null;
            case ParameterType.Text or ParameterType.Choice: return text;
            case ParameterType.IntPair:
                var parts = text.Split(',').Select(p => int.TryParse(p.Trim(), NumberStyles.Integer, inv, out var v) ? v : (int?)null).ToArray();
                return parts switch
                {
                    [{ } n] => new IntPair(n, n),
                    [{ } h, { } w] => new IntPair(h, w),
                    _ => null,
                };
            default: return null;
        }
    }
}
