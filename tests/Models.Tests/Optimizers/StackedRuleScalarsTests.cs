using Runner.Models.Optimizers;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Optimizers;

/// <summary>
/// A fused array's optimizer pass (a <see cref="StackedRule"/> over a block of stacked slices) runs while other
/// runs train on other threads, so, like every optimizer step, it may leave no Scalar to the finalizer (see
/// KeptScalarsTests): on both of its paths, the SIMD kernel (float32 on the CPU) and the tensor ops (any
/// other dtype or device). Counted here, in the Torch collection of this assembly, where no other test's
/// threads make Scalars meanwhile.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StackedRuleScalarsTests
{
    static (StackedRule Rule, int States, double[] Coefficients) Make(string name) => name switch
    {
        "sgd" => (new SgdRule(false, false, false), 0, SgdRule.Coefficients(0.1, 0, 0)),
        "sgd momentum nesterov decay" => (new SgdRule(true, true, true), 1, SgdRule.Coefficients(0.1, 0.9, 0.01)),
        "rmsprop" => (new RmsPropRule(false, false, false), 1, RmsPropRule.Coefficients(0.01, 0.9, 1e-7, 0, 0)),
        "rmsprop momentum centered decay" => (new RmsPropRule(true, true, true), 3, RmsPropRule.Coefficients(0.01, 0.9, 1e-7, 0.9, 0.01)),
        "adam" => (AdamRule.Instance, 2, AdamRule.Coefficients(0.001, 0.9, 0.999, 1e-7, 0.01, 3)),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string, ScalarType> Cases()
    {
        var cases = new TheoryData<string, ScalarType>();
        foreach (var rule in new[] { "sgd", "sgd momentum nesterov decay", "rmsprop", "rmsprop momentum centered decay", "adam" })
            foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
                cases.Add(rule, dtype);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_stacked_step_leaves_no_scalar_to_the_finalizer(string name, ScalarType dtype)
    {
        var (rule, states, coefficients) = Make(name);
        const int slices = 4;
        using var parameter = randn([slices, 7, 9], dtype);
        using var grad = randn([slices, 7, 9], dtype);
        var state = Enumerable.Range(0, states).Select(_ => zeros([slices, 7, 9], dtype)).ToArray();
        try
        {
            using var finalized = new FinalizedScalars();
            finalized.Reset();
            for (int step = 0; step < 20; step++) rule.Step(parameter, grad, state, Enumerable.Repeat(coefficients, slices).ToArray());
            Assert.Equal(0, finalized.Count);
            Assert.False(parameter.isnan().any().item<bool>(), "the steps made a NaN");
        }
        finally
        {
            foreach (var tensor in state) tensor.Dispose();
        }
    }
}
