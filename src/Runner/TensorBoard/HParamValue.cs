using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Runner.TensorBoard;

/// <summary>
/// The type TensorBoard's HParams tab gives an axis: numbers (so it can plot and filter ranges),
/// booleans, or strings. Axis values arrive as the text of the YAML; an axis is numeric only when
/// every one of its values is.
/// </summary>
public enum HParamType { String = 1, Bool = 2, Float64 = 3 }   // api.proto DataType

internal static class HParamValue
{
    public static HParamType TypeOf(IEnumerable<string> values)
    {
        var list = values.ToArray();
        if (list.Length > 0 && list.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) return HParamType.Float64;
        if (list.Length > 0 && list.All(v => bool.TryParse(v, out _))) return HParamType.Bool;
        return HParamType.String;
    }

    /// <summary>A google.protobuf.Value of the axis type.</summary>
    public static Value Of(string text, HParamType type) => type switch
    {
        HParamType.Float64 => Value.ForNumber(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        HParamType.Bool => Value.ForBool(bool.Parse(text)),
        _ => Value.ForString(text),
    };
}
