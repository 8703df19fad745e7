using Runner.Models.Building;
using Runner.Models.Losses;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Registries;

/// <summary>
/// Every registered name, built for real: each layer, each activation inside every layer that takes
/// one, each initializer inside every layer that takes one (as kernel and bias), and every
/// optimizer x loss pair (cycled over the cases so each pair runs about a dozen times). Each case
/// trains one step on a tiny seeded batch.
/// </summary>
[Collection(TorchCollection.Name)]
public class RegistryWideTrainingTests
{
    const int Classes = 3;
    static readonly int[] Input = [5, 5, 2];   // odd sides, so 'same' pooling and even kernels pad asymmetrically

    public static TheoryData<string, string, string, string, string> Cases()
    {
        var r = Registered;
        var activations = r.Activations.Names.ToList();
        var initializers = r.Initializers.Names.ToList();
        var optimizers = r.Optimizers.Names.ToList();
        var losses = r.Losses.Names.ToList();
        var cases = new TheoryData<string, string, string, string, string>();
        int k = 0;
        foreach (var layer in r.Layers.All)
        {
            bool takesActivation = layer.Parameters.Any(p => p.Type == ParameterType.Activation);
            bool takesInitializer = layer.Parameters.Any(p => p.Type == ParameterType.Initializer);
            foreach (var activation in takesActivation ? activations : [activations[k % activations.Count]])
                foreach (var initializer in takesInitializer ? initializers : [initializers[k % initializers.Count]])
                {
                    cases.Add(layer.Name, activation, initializer, optimizers[k % optimizers.Count], losses[k / optimizers.Count % losses.Count]);
                    k++;
                }
        }
        return cases;
    }

    /// <summary>The layer under test with the given activation and initializer wherever it takes them.</summary>
    static ComponentSpec LayerUnderTest(string name, string activation, string initializer)
    {
        var type = Registered.Layers.Get(name);
        var given = new List<(string, object)>();
        foreach (var p in type.Parameters)
        {
            if (p.Type == ParameterType.Activation) given.Add((p.Name, ComponentSpec.Of(activation)));
            if (p.Type == ParameterType.Initializer) given.Add((p.Name, ComponentSpec.Of(initializer)));
        }
        given.AddRange(name switch
        {
            "dense" => [("units", 4)],
            "conv2d" => [("filters", 3), ("kernel_size", new IntPair(2, 2)), ("padding", "same")],
            "maxpool2d" or "avgpool2d" => [("padding", "same")],
            "dropout" => [("rate", 0.5)],
            _ => [],
        });
        return new ComponentSpec(name, Arguments.For(type.Parameters, given.ToArray()));
    }

    /// <summary>[flatten] layer [flatten] dense(4, activation, initializer) dense(3, softmax).</summary>
    static ModelSpec ModelAround(string layer, string activation, string initializer)
    {
        var layers = new List<ComponentSpec>();
        if (layer == "dense") layers.Add(Flatten);
        layers.Add(LayerUnderTest(layer, activation, initializer));
        if (layer is not ("dense" or "flatten")) layers.Add(Flatten);
        layers.Add(Layer("dense", ("units", 4), ("activation", ComponentSpec.Of(activation)),
            ("kernel_initializer", ComponentSpec.Of(initializer)), ("bias_initializer", ComponentSpec.Of(initializer))));
        layers.Add(Dense(Classes, "softmax"));
        return new ModelSpec(new Shape(Input), layers);
    }

    /// <summary>The case's loss, model (in training mode), batch and optimizer.</summary>
    static (BoundLoss, nn.Module<Tensor, Tensor>, TinyBatch, TorchSharp.Modules.OptimizerHelper) Build(
        string layer, string activation, string initializer, string optimizerName, string lossName, Arguments optimizerArguments)
    {
        var spec = ModelAround(layer, activation, initializer);
        var loss = BoundLoss.Bind(ComponentSpec.Of(lossName), spec, Registered);
        var model = ModelBuilder.Build(spec, Context(seed: 1), loss.FuseFinalSoftmax);
        model.train();
        var batch = TinyBatch.Create(Input.Select(d => (long)d).ToArray(), Classes, samples: 6, seed: 2);
        var optimizer = Registered.Optimizers.Get(optimizerName).Build(model.parameters(), optimizerArguments);
        return (loss, model, batch, optimizer);
    }

    /// <summary>Builds the case and trains it <paramref name="steps"/> steps, a dispose scope per step, then evaluates once.</summary>
    public static void TrainSteps(string layer, string activation, string initializer, string optimizerName, string lossName,
        int steps, Arguments? optimizerArguments = null)
    {
        using var scope = NewDisposeScope();
        var (loss, model, batch, optimizer) = Build(layer, activation, initializer, optimizerName, lossName, optimizerArguments ?? Arguments.Empty);
        using var _ = model;
        using var __ = optimizer;
        for (int i = 0; i < steps; i++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            loss.Compute(model.call(batch.Inputs), batch.TargetsFor(loss, Classes)).backward();
            optimizer.step();
        }
        model.eval();
        using var noGrad = no_grad();
        loss.Compute(model.call(batch.Inputs), batch.TargetsFor(loss, Classes)).Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_registered_component_builds_trains_one_step_and_stays_finite(
        string layer, string activation, string initializer, string optimizerName, string lossName)
    {
        using var scope = NewDisposeScope();
        var (loss, model, batch, optimizer) = Build(layer, activation, initializer, optimizerName, lossName, Arguments.Empty);
        using var _ = model;
        using var __ = optimizer;

        var output = model.call(batch.Inputs);
        Assert.Equal(new long[] { 6, Classes }, output.shape);
        Assert.False(output.isnan().any().item<bool>(), "NaN in the output");
        var value = loss.Compute(output, batch.TargetsFor(loss, Classes));
        Assert.True(float.IsFinite(value.item<float>()), $"loss {value.item<float>()}");
        optimizer.zero_grad();
        value.backward();

        var parameters = model.named_parameters().ToList();
        Assert.NotEmpty(parameters);
        var before = parameters.Select(p => p.parameter.detach().clone()).ToList();
        foreach (var (name, parameter) in parameters)
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            Assert.True(parameter.grad!.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
        }
        optimizer.step();

        // Every parameter with a clear gradient moves; a zero gradient (e.g. all-zero weights under
        // relu) legitimately leaves its parameter alone.
        for (int i = 0; i < parameters.Count; i++)
        {
            var (name, parameter) = parameters[i];
            Assert.True(parameter.isfinite().all().item<bool>(), $"{name} is not finite after the step");
            if (parameter.grad!.abs().max().item<float>() > 1e-3)
                Assert.False(parameter.equal(before[i]).all().item<bool>(), $"{name} did not change in one {optimizerName} step");
        }
        Assert.Contains(parameters.Select((p, i) => !p.parameter.equal(before[i]).all().item<bool>()), changed => changed);
    }

    [Fact]
    public void The_cases_cover_every_name_of_every_kind()
    {
        var cases = Cases().Select(c => c.Select(x => (string)x).ToArray()).ToList();
        var r = Registered;
        Assert.Equal(r.Layers.Names.Order(), cases.Select(c => c[0]).Distinct().Order());
        Assert.Equal(r.Activations.Names.Order(), cases.Where(c => c[0] == "dense").Select(c => c[1]).Distinct().Order());
        Assert.Equal(r.Activations.Names.Order(), cases.Where(c => c[0] == "conv2d").Select(c => c[1]).Distinct().Order());
        Assert.Equal(r.Initializers.Names.Order(), cases.Where(c => c[0] == "conv2d").Select(c => c[2]).Distinct().Order());
        Assert.Equal(r.Optimizers.Names.Count() * r.Losses.Names.Count(), cases.Select(c => (c[3], c[4])).Distinct().Count());
    }
}
