using System.Globalization;

namespace Runner.Tests;

/// <summary>
/// The `model:` line of the small models that tests which train use, written once. A test whose subject
/// is the model itself (binding, shapes, the registry) writes its layers out instead.
/// </summary>
public static class ModelYaml
{
    /// <summary>Softmax regression on 28x28 images: the smallest model that learns.</summary>
    public const string Softmax = "model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}";

    /// <summary>
    /// flatten, dense(<paramref name="units"/>, <paramref name="activation"/>), dropout(<paramref name="dropout"/>)
    /// if above 0, dense(10, softmax). Units and activation may be sweep variables (`${units}`).
    /// </summary>
    public static string Mlp(object units, string activation = "relu", double dropout = 0, string input = "[28, 28]") =>
        "model: {input: " + input + ", layers: [flatten, {dense: {units: " + units + ", activation: " + activation + "}}, " +
        (dropout > 0 ? "{dropout: {rate: " + dropout.ToString(CultureInfo.InvariantCulture) + "}}, " : "") +
        "{dense: {units: 10, activation: softmax}}]}";
}
