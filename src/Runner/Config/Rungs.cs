using Runner.Text;
using System.Globalization;

namespace Runner.Config;

/// <summary>The geometric rungs of ASHA and Hyperband: epochs min_epochs * reduction^k.</summary>
public static class Rungs
{
    /// <summary>True when epoch = min_epochs * reduction^k for some k &gt;= firstExponent.</summary>
    public static bool IsRung(int epoch, int minEpochs, int reduction, int firstExponent)
    {
        long rung = minEpochs;
        for (int k = 0; rung <= epoch; k++, rung *= reduction)
            if (rung == epoch && k >= firstExponent) return true;
        return false;
    }

    /// <summary>The rungs before the last epoch, from the first.</summary>
    public static IReadOnlyList<int> Before(int epochs, int minEpochs, int reduction, int firstExponent = 0)
    {
        var rungs = new List<int>();
        long rung = minEpochs;
        for (int k = 0; rung < epochs; k++, rung *= reduction)
            if (k >= firstExponent) rungs.Add((int)rung);
        return rungs;
    }

    /// <summary>Hyperband's S: the largest s with min_epochs * reduction^s &lt;= epochs.</summary>
    public static int MaxBracket(int epochs, int minEpochs, int reduction)
    {
        int s = 0;
        for (long r = (long)minEpochs * reduction; r <= epochs; r *= reduction) s++;
        return s;
    }

    public static string F(double v) => Numbers.Metric(v);
}
