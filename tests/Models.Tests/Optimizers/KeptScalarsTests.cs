using Runner.Models.Optimizers;
using Runner.Models.Specs;
using Runner.Models.Tests.Registries;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Optimizers;

/// <summary>
/// The `--jobs 2` crash: a Scalar that TorchSharp makes from a double is garbage during the native call
/// that reads it, and another thread's garbage collection frees it under libtorch. Nothing Runner runs
/// in training may leave a Scalar to the finalizer.
/// </summary>
[Collection(TorchCollection.Name)]
public class KeptScalarsTests
{
    [Fact]
    public void The_detector_sees_a_scalar_left_to_the_finalizer()
    {
        using var finalized = new FinalizedScalars();
        finalized.Reset();
        using var t = zeros(3);
        for (int i = 0; i < 10; i++) t.add_(1.5);   // TorchSharp's implicit double -> Scalar, never disposed
        Assert.True(finalized.Count >= 10, $"{finalized.Count} scalars seen");
        finalized.Reset();
        using (var s = new KeptScalars())
            for (int i = 0; i < 10; i++) t.add_(s[1.5], s[1]);
        Assert.Equal(0, finalized.Count);
        Assert.Equal(90f, t.sum().item<float>());   // 3 elements, 20 additions of 1.5 each
    }

    /// <summary>Where TorchSharp makes the Scalars itself, out of Runner's reach (such models train one run at a time).</summary>
    static readonly IReadOnlySet<string> KnownTorchSharpGaps = KeptScalars.NotKeptByTorchSharp;

    [Fact]
    public void A_model_using_a_component_torchsharp_leaves_exposed_is_named()
    {
        Assert.Null(KeptScalars.UnsafeSideBySide(TestSpecs.Mlp(100, "relu")));
        Assert.Null(KeptScalars.UnsafeSideBySide(TestSpecs.Cnn()));
        Assert.Equal("softplus", KeptScalars.UnsafeSideBySide(TestSpecs.Mlp(100, "softplus")));
        Assert.Equal("batchnorm", KeptScalars.UnsafeSideBySide(TestSpecs.Model([28, 28], TestSpecs.Flatten, TestSpecs.Layer("batchnorm"), TestSpecs.Dense(10, "softmax"))));
    }

    [Fact]
    public void No_registered_component_leaves_a_scalar_to_the_finalizer_while_it_trains()
    {
        using var finalized = new FinalizedScalars();
        var leaks = new List<string>();
        foreach (var c in RegistryWideTrainingTests.Cases())
        {
            var (layer, activation, initializer, optimizer, loss) = ((string)c[0], (string)c[1], (string)c[2], (string)c[3], (string)c[4]);
            if (KnownTorchSharpGaps.Contains(activation) || KnownTorchSharpGaps.Contains(layer)) continue;
            finalized.Reset();
            RegistryWideTrainingTests.TrainSteps(layer, activation, initializer, optimizer, loss, steps: 2);
            if (finalized.Count is > 0 and var n) leaks.Add($"{layer}/{activation}/{initializer}/{optimizer}/{loss}: {n}");
        }
        Assert.True(leaks.Count == 0, $"{leaks.Count} cases left scalars to the finalizer:\n" + string.Join("\n", leaks));
    }

    public static TheoryData<string, string> Variants() => new()
    {
        { "sgd", "momentum=0.9 nesterov=true weight_decay=0.01" },
        { "rmsprop", "momentum=0.5 centered=true" },
        { "adam", "amsgrad=true" },
        { "adam", "weight_decay=0.01 amsgrad=true" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Optimizer_variants_leave_no_scalar_to_the_finalizer(string optimizer, string settings)
    {
        var parameters = Registered.Optimizers.Get(optimizer).Parameters;
        var given = settings.Split(' ').Select(kv => kv.Split('=')).Select(kv =>
            (kv[0], kv[1] is "true" ? true : (object)double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        using var finalized = new FinalizedScalars();
        finalized.Reset();
        RegistryWideTrainingTests.TrainSteps("dense", "relu", "glorot_uniform", optimizer, "sparse_categorical_crossentropy", steps: 3,
            optimizerArguments: Arguments.For(parameters, given));
        Assert.Equal(0, finalized.Count);
    }
}
