using System.Numerics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Optimizers;

/// <summary>
/// An optimizer whose update can also run over many runs' parameters at once, stacked along a first
/// dimension (the slices of a fused array): one pass of its <see cref="Rule"/> over a block of slices
/// whose optimizers share the rule, each slice with its own hyperparameters and step count.
/// </summary>
public interface IStackableOptimizer
{
    /// <summary>The rule its update follows, or null when this configuration can only step alone (amsgrad).</summary>
    StackedRule? Rule { get; }

    /// <summary>The state tensors of one of its parameters that <see cref="Rule"/> updates, in the rule's order (made now if made lazily).</summary>
    Tensor[] StateOf(Parameter parameter);

    /// <summary>Counts one step of <paramref name="parameter"/> and returns that step's coefficients, in the rule's order.</summary>
    double[] Advance(Parameter parameter);
}

/// <summary>
/// One optimizer update over a block of stacked slices [k, ...]: each coefficient arrives as a [k, 1, ...]
/// tensor (slice i's value in row i), so slices with different learning rates, betas, step counts or
/// weight decay step in one pass, with the same arithmetic as each run's own optimizer up to float
/// rounding. The elementwise updates never mix slices: a NaN in one stays in it. A rule with a
/// <see cref="Kernel"/> steps CPU float tensors of one dense layout in a single SIMD pass over memory
/// instead, slice by slice with each slice's coefficients (the tensor ops make a pass per op, and each
/// op's call costs about as much as its work at these sizes).
/// </summary>
public abstract unsafe class StackedRule
{
    /// <summary>Below this many elements splitting the work across threads costs more than it saves.</summary>
    const long ParallelThreshold = 1 << 16;

    /// <summary>Equal keys step together; the key also names the rule's flags (momentum, nesterov...).</summary>
    public abstract string Key { get; }

    /// <summary>Steps the block: parameter, gradient and state [k, ...]; <paramref name="coefficients"/>[i] is slice i's from <see cref="IStackableOptimizer.Advance"/>.</summary>
    public void Step(Tensor parameter, Tensor grad, Tensor[] state, double[][] coefficients)
    {
        if (InMemory(parameter, grad, state) is { } streams)
        {
            StepInMemory(streams, parameter.numel() / coefficients.Length, coefficients);
            return;
        }
        using var scope = NewDisposeScope();
        using var s = new KeptScalars();
        StepTensors(parameter, grad, state, Columns(coefficients, parameter), s);
    }

    /// <summary>The update in tensor ops, on any device: <paramref name="c"/>[j] is coefficient j as a [k, 1, ...] tensor.</summary>
    protected abstract void StepTensors(Tensor p, Tensor g, Tensor[] state, Tensor[] c, KeptScalars s);

    /// <summary>Whether the rule has a <see cref="Kernel"/>.</summary>
    protected virtual bool HasKernel => false;

    /// <summary>
    /// The update of elements [start, end) of one slice over raw float memory, a whole number of vectors:
    /// <paramref name="streams"/> are the addresses of the parameter, the gradient, then the state.
    /// </summary>
    protected virtual void Kernel(nint[] streams, long start, long end, double[] c) => throw new NotSupportedException();

    /// <summary>
    /// The addresses of the block's parameter, gradient and state when <see cref="Kernel"/> can step them in
    /// memory (CPU floats of one dense layout), else null. They hold while those tensors live and are
    /// updated in place, so a caller that steps the same stacks every batch may find them once
    /// (<see cref="AddressOf"/> tells it when a tensor was replaced).
    /// </summary>
    public nint[]? InMemory(Tensor p, Tensor g, Tensor[] state) =>
        HasKernel && TensorMemory.SameDenseFloatLayout(p, [g, .. state])
            ? new[] { p, g }.Concat(state).Select(t => (nint)TensorMemory.Floats(t)).ToArray()
            : null;

    /// <summary>Where a tensor's elements start (its storage changes when it is replaced, not when it is updated in place).</summary>
    public static nint AddressOf(Tensor tensor) => (nint)TensorMemory.Floats(tensor);

    /// <summary>Steps a block from <see cref="InMemory"/>'s addresses: slice i's elements are [i · perSlice, (i + 1) · perSlice).</summary>
    public void StepInMemory(nint[] streams, long perSlice, double[][] coefficients)
    {
        int k = coefficients.Length, threads = Math.Max(1, get_num_threads());
        if (threads == 1 || perSlice * k < ParallelThreshold)
        {
            for (int i = 0; i < k; i++) StepSlice(streams, i * perSlice, (i + 1) * perSlice, coefficients[i]);
            return;
        }
        // Whole vectors per piece; every element's update is independent, so the split never changes results.
        long chunk = (perSlice / threads + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        int pieces = (int)((perSlice + chunk - 1) / chunk);
        Parallel.For(0, k * pieces, piece =>
        {
            int i = piece / pieces;
            long start = i * perSlice + piece % pieces * chunk;
            StepSlice(streams, start, Math.Min((i + 1) * perSlice, start + chunk), coefficients[i]);
        });
    }

    /// <summary>The kernel over [start, end): the whole vectors in place, the rest through a zero-padded copy.</summary>
    void StepSlice(nint[] streams, long start, long end, double[] c)
    {
        int lanes = Vector<float>.Count;
        long body = start + (end - start) / lanes * lanes;
        if (body > start) Kernel(streams, start, body, c);
        int rest = (int)(end - body);
        if (rest == 0) return;
        // Zeros are harmless in every rule (a zero gradient and state give a zero step), and are dropped.
        float* pad = stackalloc float[streams.Length * lanes];
        new Span<float>(pad, streams.Length * lanes).Clear();
        var padded = new nint[streams.Length];
        for (int s = 0; s < streams.Length; s++)
        {
            new Span<float>((float*)streams[s] + body, rest).CopyTo(new Span<float>(pad + s * lanes, rest));
            padded[s] = (nint)(pad + s * lanes);
        }
        Kernel(padded, 0, lanes, c);
        for (int s = 0; s < streams.Length; s++)
            new Span<float>(pad + s * lanes, rest).CopyTo(new Span<float>((float*)streams[s] + body, rest));
    }

    /// <summary>A coefficient as a vector of floats.</summary>
    protected static Vector<float> V(double value) => new((float)value);

    /// <summary>Each coefficient as a [k, 1, ...] float tensor on the parameter's device, broadcasting over a slice.</summary>
    static Tensor[] Columns(double[][] perSlice, Tensor like)
    {
        int k = perSlice.Length, count = perSlice[0].Length;
        var values = new float[count * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < count; j++)
                values[j * k + i] = (float)perSlice[i][j];
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = k;
        var all = tensor(values, [count, k], like.dtype).to(like.device);
        return Enumerable.Range(0, count).Select(j => all[j].view(shape)).ToArray();
    }
}
