using Runner.Data;
using Runner.Models.Specs;
using Runner.Training.Fused;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

/// <summary>
/// One optimizer pass per kind over stacked slices (<see cref="StackedOptimizer"/>) against each slice's
/// optimizer stepping its own parameters: every stacked rule and flag, different hyperparameters and
/// step counts per slice, on float32 (the in-memory Adam path) and float64 (the tensor-op path every
/// device takes), and each optimizer's own state given back.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StackedOptimizerTests
{
    static readonly (string Name, string Settings)[] Slices =
    [
        ("sgd", "learning_rate=0.1"),
        ("adam", ""),
        ("sgd", "momentum=0.9 nesterov=true weight_decay=0.01"),
        ("rmsprop", "momentum=0.9 centered=true"),
        ("adamw", "learning_rate=0.01"),
        ("sgd", "momentum=0.5"),
        ("rmsprop", ""),
        ("adam", "learning_rate=0.01 beta_1=0.8 epsilon=0.001"),
        ("adam", "weight_decay=0.05"),
        ("adam", "amsgrad=true"),
        ("sgd", "momentum=0.9 nesterov=true weight_decay=0.01 learning_rate=0.03"),
    ];

    static OptimizerHelper Build((string Name, string Settings) slice, IEnumerable<Parameter> parameters)
    {
        var type = RunnerRegistries.Models.Optimizers.Get(slice.Name);
        var given = slice.Settings.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('='))
            .Select(kv => (kv[0], kv[1] is "true" ? true : (object)double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        return type.Build(parameters, Arguments.For(type.Parameters, given));
    }

    /// <summary>
    /// Slice i's parameters, the same for both copies: a small matrix and a vector (each with a part that fills
    /// no whole SIMD vector), and a matrix whose stack is large enough to be split across threads.
    /// </summary>
    static Parameter[] Weights(int slice, ScalarType dtype)
    {
        using var g = new Generator((ulong)(slice + 1));
        return [new Parameter(randn([6, 5], dtype, generator: g)), new Parameter(randn([6], dtype, generator: g)),
            new Parameter(randn([80, 91], dtype, generator: g))];
    }

    /// <summary>A gradient for every slice's parameters, [K, ...] per parameter.</summary>
    static Tensor[] Gradients(int step, ScalarType dtype)
    {
        using var g = new Generator((ulong)(1000 + step));
        return [randn([Slices.Length, 6, 5], dtype, generator: g), randn([Slices.Length, 6], dtype, generator: g),
            randn([Slices.Length, 80, 91], dtype, generator: g)];
    }

    static void StepAlone(OptimizerHelper optimizer, Parameter[] weights, Tensor[] grads, int slice)
    {
        for (int p = 0; p < weights.Length; p++) weights[p].grad = grads[p][slice].clone();
        optimizer.step();
    }

    /// <summary>The runs' parameters as stacked leaves, each run's parameter (and gradient) a view of its slice, as StackedModel makes them.</summary>
    static StackedParameter[] Stack(IReadOnlyList<Parameter[]> own)
    {
        using var _ = no_grad();
        return Enumerable.Range(0, own[0].Length).Select(p =>
        {
            var stack = torch.stack(own.Select(w => w[p]).ToArray()).DetachFromDisposeScope();
            stack.requires_grad_(true);
            stack.grad = zeros_like(stack);
            for (int k = 0; k < own.Count; k++)
            {
                own[k][p].set_(stack[k]);
                own[k][p].grad = stack.grad![k];
            }
            return new StackedParameter(stack, own.Select(w => w[p]).ToList());
        }).ToArray();
    }

    [Theory]
    [InlineData(ScalarType.Float32, 2e-6)]
    [InlineData(ScalarType.Float64, 1e-6)]
    public void Stacked_steps_give_each_slice_the_weights_and_state_of_its_own_optimizer(ScalarType dtype, double tolerance)
    {
        int k = Slices.Length;
        var alone = Enumerable.Range(0, k).Select(i => Weights(i, dtype)).ToArray();
        var stacked = Enumerable.Range(0, k).Select(i => Weights(i, dtype)).ToArray();
        var aloneOptimizers = alone.Select((w, i) => Build(Slices[i], w)).ToArray();
        var stackedOptimizers = stacked.Select((w, i) => Build(Slices[i], w)).ToArray();
        // Different step counts per slice (Adam's bias corrections), as after a resume or a restacking.
        for (int i = 0; i < k; i++)
            for (int step = 0; step < i % 3; step++)
            {
                var grads = Gradients(100 + step, dtype);
                StepAlone(aloneOptimizers[i], alone[i], grads, i);
                StepAlone(stackedOptimizers[i], stacked[i], grads, i);
            }

        // In the trainer's order: each rule's slices side by side.
        var order = Enumerable.Range(0, k).OrderBy(i => StackedOptimizer.OrderKey(stackedOptimizers[i]), StringComparer.Ordinal).ToArray();
        var parameters = Stack(order.Select(i => stacked[i]).ToList());
        int threads = get_num_threads();
        set_num_threads(2);   // the large stack's kernel is split across threads
        try
        {
            using var optimizer = new StackedOptimizer(order.Select(i => stackedOptimizers[i]).ToList(), parameters);
            for (int step = 0; step < 10; step++)
            {
                var grads = Gradients(step, dtype);
                for (int i = 0; i < k; i++) StepAlone(aloneOptimizers[i], alone[i], grads, i);
                using (no_grad())
                    for (int p = 0; p < parameters.Length; p++)
                    {
                        using var grad = parameters[p].Stack.grad!;
                        grad.copy_(grads[p].index_select(0, tensor(order.Select(i => (long)i).ToArray())));
                    }
                // That the step leaves no Scalar to the finalizer is counted in Models.Tests (StackedRuleScalarsTests):
                // here, other tests' threads (in-process sweeps) make Scalars too, and the count was theirs.
                optimizer.Step();
            }
        }
        finally
        {
            set_num_threads(threads);
        }
        Assert.All(Enumerable.Range(0, k), i => AssertClose(alone[i], stacked[i], tolerance, Slices[i]));

        // Each optimizer holds its own state again: one more step alone agrees too (momentum, moments, step counts).
        using (no_grad())
            foreach (var w in stacked.SelectMany(w => w))
            {
                using var copy = w.detach().clone();
                w.set_(copy);
            }
        var last = Gradients(99, dtype);
        for (int i = 0; i < k; i++)
        {
            StepAlone(aloneOptimizers[i], alone[i], last, i);
            StepAlone(stackedOptimizers[i], stacked[i], last, i);
            AssertClose(alone[i], stacked[i], tolerance, Slices[i]);
            Assert.True((alone[i][0] - Weights(i, dtype)[0]).abs().max().ToDouble() > 1e-3, $"slice {i} moved");
        }
    }

    static void AssertClose(Parameter[] expected, Parameter[] actual, double tolerance, (string, string) slice)
    {
        for (int p = 0; p < expected.Length; p++)
        {
            double worst = (expected[p] - actual[p]).abs().max().ToDouble();
            Assert.True(worst <= tolerance, $"{slice}: parameter {p} differs by {worst}");
        }
    }
}
