using MathNet.Numerics.Distributions;
using Runner.Planning;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// One dimension's density from a set of observations, as Optuna's univariate TPE builds it:
/// - a number: a mixture of normals truncated to the (internal) interval, one per observation at its
///   value, plus the prior (mean at the middle, sigma the whole width, weight 1). An observation's sigma
///   is the larger distance to its neighbours among the sorted observations and the prior mean (the
///   interval's ends count as neighbours, except for the outermost observations, which use their inner
///   neighbour only), clipped to [width / min(100, 1 + n + 1), width] (the "magic clip");
/// - a choice: per observation, weight 1 on its choice plus prior_weight / (n + 1) on every choice,
///   normalised; plus the uniform prior.
/// Observations are weighted by Optuna's default: 1 each up to 25, then a ramp from 1/n to 1 for the
/// older ones with the newest 25 at 1.
/// </summary>
public sealed class ParzenEstimator
{
    const double PriorWeight = 1.0;
    readonly SearchDimension _dimension;
    readonly double[] _weights;   // per component, the prior last, summing to 1
    readonly double[] _mus = [], _sigmas = [];
    readonly double[][] _choiceWeights = [];
    readonly double _low, _high;

    /// <param name="weights">Per observation its weight (multi-objective TPE's hypervolume contributions); null: Optuna's default ramp.</param>
    public ParzenEstimator(SearchDimension dimension, IReadOnlyList<double> observations, IReadOnlyList<double>? weights = null)
    {
        _dimension = dimension;
        int n = observations.Count;
        _weights = (weights ?? ObservationWeights(n)).Append(PriorWeight).ToArray();
        double total = _weights.Sum();
        for (int i = 0; i < _weights.Length; i++) _weights[i] /= total;

        if (dimension is ChoiceDimension choice)
        {
            double smoothing = PriorWeight / (n + 1);
            _choiceWeights = observations.Select(o => Enumerable.Range(0, choice.Count).Select(c => smoothing + (c == (int)o ? 1 : 0)).ToArray())
                .Append(Enumerable.Repeat(1.0, choice.Count).ToArray())
                .Select(row => { double s = row.Sum(); return row.Select(v => v / s).ToArray(); })
                .ToArray();
            return;
        }
        var number = (NumberDimension)dimension;
        (_low, _high) = number.Internal;
        var mus = observations.Select(number.ToInternal).ToArray();
        _sigmas = Sigmas(mus, _low, _high).Append(_high - _low).ToArray();
        _mus = mus.Append(0.5 * (_low + _high)).ToArray();
    }

    static double[] ObservationWeights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var ramp = Enumerable.Range(0, n - 25).Select(i => n - 25 == 1 ? 1.0 / n : 1.0 / n + i * (1 - 1.0 / n) / (n - 26));
        return ramp.Concat(Enumerable.Repeat(1.0, 25)).ToArray();
    }

    static double[] Sigmas(double[] mus, double low, double high)
    {
        int n = mus.Length;
        var withPrior = mus.Append(0.5 * (low + high)).ToArray();
        var order = Enumerable.Range(0, withPrior.Length).OrderBy(i => withPrior[i]).ToArray();
        var sorted = new double[withPrior.Length + 2];
        sorted[0] = low;
        for (int i = 0; i < order.Length; i++) sorted[i + 1] = withPrior[order[i]];
        sorted[^1] = high;
        var sortedSigmas = new double[withPrior.Length];
        for (int i = 1; i < sorted.Length - 1; i++) sortedSigmas[i - 1] = Math.Max(sorted[i] - sorted[i - 1], sorted[i + 1] - sorted[i]);
        if (sorted.Length >= 4)
        {
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[^1] = sorted[^2] - sorted[^3];
        }
        var sigmas = new double[withPrior.Length];
        for (int i = 0; i < order.Length; i++) sigmas[order[i]] = sortedSigmas[i];
        double width = high - low;
        double min = width / Math.Min(100.0, 1.0 + n + 1);
        return sigmas.Take(n).Select(s => Math.Clamp(s, min, width)).ToArray();
    }

    /// <summary>A draw (a value, or a choice index), from a component picked by weight.</summary>
    public double Sample(SplitMix64 random)
    {
        int component = Pick(_weights, random.NextDouble());
        if (_dimension is ChoiceDimension) return Pick(_choiceWeights[component], random.NextDouble());
        double mu = _mus[component], sigma = _sigmas[component];
        double a = Normal.CDF(mu, sigma, _low), b = Normal.CDF(mu, sigma, _high);
        double x = Normal.InvCDF(mu, sigma, a + random.NextDouble() * (b - a));
        return ((NumberDimension)_dimension).FromInternal(Math.Clamp(x, _low, _high));
    }

    /// <summary>The log density at <paramref name="value"/> (a value, or a choice index).</summary>
    public double LogDensity(double value)
    {
        double density = 0;
        if (_dimension is ChoiceDimension)
            for (int k = 0; k < _weights.Length; k++) density += _weights[k] * _choiceWeights[k][(int)value];
        else
        {
            double x = ((NumberDimension)_dimension).ToInternal(value);
            for (int k = 0; k < _weights.Length; k++)
            {
                double mass = Normal.CDF(_mus[k], _sigmas[k], _high) - Normal.CDF(_mus[k], _sigmas[k], _low);
                density += _weights[k] * Normal.PDF(_mus[k], _sigmas[k], x) / Math.Max(mass, 1e-12);
            }
        }
        return Math.Log(Math.Max(density, 1e-300));
    }

    static int Pick(double[] weights, double u)
    {
        double cumulative = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Length - 1;
    }
}
