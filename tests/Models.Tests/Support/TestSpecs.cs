using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;

namespace Runner.Models.Tests;

/// <summary>Specs written the way the config layer hands them over: every argument typed, defaults filled in.</summary>
static class TestSpecs
{
    public static ComponentRegistries Registered => BuiltIns.Registries;

    public static ComponentSpec Layer(string name, params (string Name, object Value)[] args) =>
        new(name, Arguments.For(Registered.Layers.Get(name).Parameters, args));

    public static ComponentSpec Dense(int units, string activation = "linear", string kernelInitializer = "glorot_uniform") =>
        Layer("dense", ("units", units), ("activation", ComponentSpec.Of(activation)), ("kernel_initializer", ComponentSpec.Of(kernelInitializer)));

    public static ComponentSpec Conv(int filters, int kernel, string padding = "valid", string activation = "linear") =>
        Layer("conv2d", ("filters", filters), ("kernel_size", new IntPair(kernel, kernel)), ("padding", padding), ("activation", ComponentSpec.Of(activation)));

    public static ComponentSpec MaxPool(int size = 2, string padding = "valid") =>
        Layer("maxpool2d", ("pool_size", new IntPair(size, size)), ("padding", padding));

    public static ComponentSpec Flatten => Layer("flatten");

    public static ModelSpec Model(int[] input, params ComponentSpec[] layers) => new(new Shape(input), layers);

    /// <summary>The Keras tutorial MLP: flatten, dense(hidden), dense(10, softmax) on 28x28 images.</summary>
    public static ModelSpec Mlp(int hidden, string activation = "relu") =>
        Model([28, 28], Flatten, Dense(hidden, activation), Dense(10, "softmax"));

    /// <summary>The reference CNN of docs/architecture.md (3,156,098 parameters in Keras).</summary>
    public static ModelSpec Cnn() => Model([28, 28, 1],
        Conv(32, 5, "same", "relu"), MaxPool(), Conv(64, 2, "same", "relu"), MaxPool(),
        Layer("dropout", ("rate", 0.25)), Flatten, Dense(1000, "relu"), Dense(10, "softmax"));

    /// <summary>A run's own random streams, seeded.</summary>
    public static BuildContext Context(int seed) =>
        new(new torch.Generator((ulong)seed), new torch.Generator((ulong)seed + 1000), Registered);
}
