using Runner.Planning;

namespace Runner.Sweeps.Methods.Sobol;

/// <summary>
/// A Sobol' sequence in [0, 1)^d as scipy.stats.qmc.Sobol draws it (Optuna's QMCSampler asks scipy):
/// Joe-Kuo direction numbers, 30 bits, points in Gray-code order, and, when scrambled, Matousek's linear
/// matrix scramble of the direction numbers plus a digital shift. Unscrambled, the points equal scipy's
/// exactly, the origin first. Scrambled, they keep the sequence's balance (each of the first 2^m points
/// sits alone in its interval [k/2^m, (k+1)/2^m) in every dimension) but move with the seed; our seed draws
/// from <see cref="SplitMix64"/>, so the scrambled points are not scipy's for the same seed number.
/// Any point is computed from its index alone (no state), so a resumed search asks for point k again and
/// gets the same point; memory is d x 30 numbers.
/// </summary>
public sealed class SobolSequence
{
    public const int Bits = 30;
    public const int MaxDimensions = 64;
    public const long MaxPoints = 1L << Bits;

    readonly uint[] _directions; // [dimension * Bits + j]: the j-th direction number, scaled to 30 bits
    readonly uint[] _shift;

    /// <param name="scrambleSeed">null for the plain sequence (its first point is the origin).</param>
    public SobolSequence(int dimensions, ulong? scrambleSeed)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, DimensionsMessage(dimensions));
        Dimensions = dimensions;
        _directions = new uint[dimensions * Bits];
        _shift = new uint[dimensions];
        for (int d = 0; d < dimensions; d++) InitializeDirections(d);
        if (scrambleSeed is ulong seed) Scramble(new SplitMix64(seed));
    }

    public int Dimensions { get; }

    /// <summary>Why a space of this many dimensions can't have a Sobol' sequence here, for the method's parser.</summary>
    public static string DimensionsMessage(int dimensions) =>
        $"a Sobol' sequence here has 1 to {MaxDimensions} dimensions (the Joe-Kuo direction numbers carried), got {dimensions}";

    /// <summary>Point <paramref name="index"/> (0-based, below 2^30) of the sequence, one coordinate per dimension.</summary>
    public void Point(long index, Span<double> into)
    {
        if (index < 0 || index >= MaxPoints) throw new ArgumentOutOfRangeException(nameof(index), index, $"a Sobol' point index is 0 to 2^{Bits} - 1");
        if (into.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} coordinates, got room for {into.Length}", nameof(into));
        long gray = index ^ (index >> 1);
        for (int d = 0; d < Dimensions; d++)
        {
            uint x = _shift[d];
            long bits = gray;
            for (int j = 0; bits != 0; j++, bits >>= 1)
                if ((bits & 1) != 0) x ^= _directions[d * Bits + j];
            into[d] = x / (double)MaxPoints;
        }
    }

    public double[] Point(long index)
    {
        var point = new double[Dimensions];
        Point(index, point);
        return point;
    }

    /// <summary>Bratley and Fox's recurrence on the initial direction numbers m_1..m_s of the dimension's polynomial.</summary>
    void InitializeDirections(int d)
    {
        var v = _directions.AsSpan(d * Bits, Bits);
        if (d == 0) v.Fill(1);
        else
        {
            var (polynomial, initial) = JoeKuoDirections.AfterFirst[d - 1];
            int degree = initial.Length;
            for (int j = 0; j < degree; j++) v[j] = (uint)initial[j];
            for (int j = degree; j < Bits; j++)
            {
                uint next = v[j - degree];
                uint power = 1;
                for (int k = 0; k < degree; k++)
                {
                    power <<= 1;
                    if (((polynomial >> (degree - 1 - k)) & 1) != 0) next ^= power * v[j - k - 1];
                }
                v[j] = next;
            }
        }
        for (int j = 0; j < Bits; j++) v[j] <<= Bits - 1 - j;
    }

    /// <summary>
    /// Per dimension, a random lower-triangular binary matrix with a unit diagonal multiplies every direction
    /// number's digits (most significant first), and a random 30-bit shift is XORed into every point.
    /// </summary>
    void Scramble(SplitMix64 random)
    {
        const uint all = (1u << Bits) - 1;
        var rows = new uint[Bits];
        for (int d = 0; d < Dimensions; d++)
        {
            _shift[d] = (uint)random.Next() & all;
            for (int p = 0; p < Bits; p++)
            {
                uint diagonal = 1u << (Bits - 1 - p);
                uint above = all & ~((diagonal << 1) - 1); // the more significant digits 0..p-1
                rows[p] = diagonal | ((uint)random.Next() & above);
            }
            var v = _directions.AsSpan(d * Bits, Bits);
            for (int j = 0; j < Bits; j++)
            {
                uint scrambled = 0;
                for (int p = 0; p < Bits; p++)
                    if ((System.Numerics.BitOperations.PopCount(rows[p] & v[j]) & 1) != 0) scrambled |= 1u << (Bits - 1 - p);
                v[j] = scrambled;
            }
        }
    }
}
