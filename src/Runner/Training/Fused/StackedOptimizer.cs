using Runner.Models.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Training.Fused;

/// <summary>
/// Steps a <see cref="StackedModel"/>'s slices with their runs' optimizers: one pass of a
/// <see cref="StackedRule"/> over each block of consecutive slices whose optimizers follow that rule
/// (runs of one kind next to each other in the array), on a narrowed view of each stacked parameter,
/// with every slice's own hyperparameters and step count (the blocks' memory found once, so that many
/// blocks cost little more than few). The optimizers' state is stacked as the
/// parameters are: each run's state tensors become views of its slice of the block's state stack, so the
/// run's optimizer holds the stepped state, and disposing gives each run its own copy back (its checkpoint
/// then saves it as a lone run's). A run whose optimizer has no stacked rule steps its slice alone.
/// </summary>
public sealed class StackedOptimizer : IDisposable
{
    /// <param name="States">Per stacked parameter, the block's state stacks [length, ...] in the rule's order.</param>
    sealed record Block(int Start, int Length, StackedRule? Rule, Tensor[][] States);

    readonly IReadOnlyList<OptimizerHelper> _optimizers;
    readonly IReadOnlyList<StackedParameter> _parameters;
    readonly List<Block> _blocks = [];
    readonly List<Tensor> _ownStates = [];

    /// <param name="optimizers">Each slice's run's optimizer, in slice order.</param>
    public StackedOptimizer(IReadOnlyList<OptimizerHelper> optimizers, IReadOnlyList<StackedParameter> parameters)
    {
        (_optimizers, _parameters) = (optimizers, parameters);
        try
        {
            for (int start = 0, end; start < optimizers.Count; start = end)
            {
                var rule = RuleOf(optimizers[start]);
                for (end = start + 1; rule is not null && end < optimizers.Count && RuleOf(optimizers[end])?.Key == rule.Key; end++) { }
                var states = rule is null ? [] : parameters.Select(p => StackStates(p, start, end)).ToArray();
                _blocks.Add(new Block(start, end - start, rule, states));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The key that orders an array's slices so that each stacked rule's slices are consecutive.</summary>
    public static string OrderKey(OptimizerHelper optimizer) => RuleOf(optimizer)?.Key ?? "\uffff alone";

    static StackedRule? RuleOf(OptimizerHelper optimizer) => (optimizer as IStackableOptimizer)?.Rule;

    /// <summary>Stacks the state of slices [start, end) for one parameter and makes each run's state a view of its slice.</summary>
    Tensor[] StackStates(StackedParameter parameter, int start, int end)
    {
        using var _ = no_grad();
        var own = Enumerable.Range(start, end - start)
            .Select(i => ((IStackableOptimizer)_optimizers[i]).StateOf(parameter.Own[i])).ToList();
        var sliceShape = parameter.Stack.shape[1..];
        var stacks = new Tensor[own[0].Length];
        for (int j = 0; j < stacks.Length; j++)
        {
            stacks[j] = stack(own.Select(states => states[j].reshape(sliceShape)).ToArray()).DetachFromDisposeScope();
            for (int i = 0; i < own.Count; i++)
            {
                using var slice = stacks[j][i];
                using var view = slice.view(own[i][j].shape);
                own[i][j].set_(view);
                _ownStates.Add(own[i][j]);
            }
        }
        return stacks;
    }

    /// <summary>One optimizer step of every slice, from the gradients in the stacked parameters.</summary>
    public void Step()
    {
        foreach (var block in _blocks.Where(b => b.Rule is null))
            for (int i = block.Start; i < block.Start + block.Length; i++) _optimizers[i].step();
        using var _ = no_grad();
        for (int p = 0; p < _parameters.Count; p++)
        {
            var parameter = _parameters[p];
            using var grad = parameter.Stack.grad!;
            var streams = Streams(p, grad);
            long perSlice = parameter.Stack.numel() / parameter.Stack.shape[0];
            for (int b = 0; b < _blocks.Count; b++)
            {
                var block = _blocks[b];
                if (block.Rule is null) continue;
                var coefficients = new double[block.Length][];
                for (int i = 0; i < block.Length; i++)
                    coefficients[i] = ((IStackableOptimizer)_optimizers[block.Start + i]).Advance(parameter.Own[block.Start + i]);
                if (streams[b] is { } memory)
                {
                    block.Rule.StepInMemory(memory, perSlice, coefficients);
                    continue;
                }
                using var weights = parameter.Stack.narrow(0, block.Start, block.Length);
                using var grads = grad.narrow(0, block.Start, block.Length);
                block.Rule.Step(weights, grads, block.States[p], coefficients);
            }
        }
    }

    /// <summary>Per stacked parameter: its address and its gradient's when <see cref="_streams"/> were found.</summary>
    readonly Dictionary<int, (nint Weights, nint Grads)> _addresses = [];
    readonly Dictionary<int, nint[]?[]> _streams = [];

    /// <summary>
    /// Each block's addresses for its rule's in-memory kernel (null: tensor ops), found once per stacked
    /// parameter and again only if its storage or its gradient's changed: a block then costs no native
    /// call per step, so an array may hold many small blocks (runs of one kind apart, grouped by batch).
    /// </summary>
    nint[]?[] Streams(int p, Tensor grad)
    {
        var parameter = _parameters[p];
        var addresses = (StackedRule.AddressOf(parameter.Stack), StackedRule.AddressOf(grad));
        if (_addresses.TryGetValue(p, out var known) && known == addresses) return _streams[p];
        var streams = new nint[]?[_blocks.Count];
        for (int b = 0; b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            if (block.Rule is null) continue;
            using var weights = parameter.Stack.narrow(0, block.Start, block.Length);
            using var grads = grad.narrow(0, block.Start, block.Length);
            streams[b] = block.Rule.InMemory(weights, grads, block.States[p]);
        }
        _addresses[p] = addresses;
        return _streams[p] = streams;
    }

    /// <summary>Gives every run's optimizer its own copy of its state again, then frees the stacks.</summary>
    public void Dispose()
    {
        using (no_grad())
        {
            foreach (var own in _ownStates)
            {
                using var copy = own.detach().clone();
                own.set_(copy);
            }
        }
        _ownStates.Clear();
        foreach (var states in _blocks.SelectMany(b => b.States).SelectMany(s => s)) states.Dispose();
        _blocks.Clear();
    }
}
