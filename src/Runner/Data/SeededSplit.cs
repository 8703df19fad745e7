using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// A seeded shuffle split, the way scikit-learn's train_test_split(test_size, random_state) does it:
/// draw one permutation of 0..n-1, hold out its first ceil(fraction * n) entries, keep the rest in
/// permutation order. The permutation comes from a torch.Generator seeded with the split seed, so the
/// split depends on nothing but (n, fraction, seed). (The indices differ from scikit-learn's, which
/// uses numpy's generator; the sizes and the method are the same.)
/// </summary>
internal static class SeededSplit
{
    /// <summary>ceil(fraction * n), with a tolerance so that 0.2 * 60000 is 12000 and not 12001.</summary>
    public static long HeldOutCount(long n, double fraction) => (long)Math.Ceiling(fraction * n - 1e-9);

    /// <summary>int64 row indices: (kept, held out), disjoint, together every row once.</summary>
    public static (Tensor Kept, Tensor HeldOut) Indices(long n, double fraction, int seed)
    {
        long heldOut = HeldOutCount(n, fraction);
        if (heldOut <= 0 || heldOut >= n)
            throw new ArgumentOutOfRangeException(nameof(fraction),
                $"a split of {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {n} samples leaves {(heldOut <= 0 ? "nothing to hold out" : "nothing to train on")}");
        using var generator = new Generator(unchecked((ulong)seed));
        using var permutation = randperm(n, generator: generator);
        return (permutation.narrow(0, heldOut, n - heldOut).clone(), permutation.narrow(0, 0, heldOut).clone());
    }
}
