using Runner.Planning;
using Runner.Sweeps.Methods.Sobol;

namespace Runner.Tests.Sweeps.Methods.Sobol;

public sealed class SobolSequenceTests
{
    const double Scale = 1.0 / (1 << 30);

    // scipy 1.10.1: (qmc.Sobol(d, scramble=False).random(n) * 2**30), exact integers.
    static readonly long[][] ScipyFirstEightIn3D =
    [
        [0, 0, 0], [536870912, 536870912, 536870912], [805306368, 268435456, 268435456], [268435456, 805306368, 805306368],
        [402653184, 402653184, 671088640], [939524096, 939524096, 134217728], [671088640, 134217728, 939524096], [134217728, 671088640, 402653184],
    ];

    static readonly long[] ScipyPoint1000In64D =
    [
        235929600, 103809024, 556793856, 726663168, 300941312, 974127104, 49283072, 965738496, 537919488, 74448896, 91226112, 273678336,
        173015040, 412090368, 154140672, 397410304, 772800512, 370147328, 1064304640, 779091968, 560988160, 590348288, 1020264448, 579862528,
        625999872, 974127104, 42991616, 1051721728, 63963136, 365953024, 158334976, 156237824, 317718528, 636485632, 860880896, 827326464,
        911212544, 892338176, 330301440, 514850816, 980418560, 273678336, 1030750208, 753926144, 902823936, 99614720, 936378368, 986710016,
        1072693248, 514850816, 378535936, 554696704, 808452096, 470810624, 135266304, 957349888, 487587840, 84934656, 948961280, 613416960,
        479199232, 646971392, 277872640, 479199232,
    ];

    [Fact]
    public void The_plain_sequence_equals_scipys_first_points()
    {
        var sobol = new SobolSequence(3, scrambleSeed: null);
        for (int i = 0; i < ScipyFirstEightIn3D.Length; i++)
            Assert.Equal(ScipyFirstEightIn3D[i].Select(x => x * Scale), sobol.Point(i));
    }

    [Fact]
    public void Every_one_of_the_64_dimensions_equals_scipy_far_into_the_sequence()
    {
        Assert.Equal(ScipyPoint1000In64D.Select(x => x * Scale), new SobolSequence(64, scrambleSeed: null).Point(1000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_space_beyond_the_carried_direction_numbers_is_refused(int dimensions)
    {
        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(dimensions, null));
        Assert.Contains("1 to 64 dimensions", refusal.Message);
        Assert.Contains($"got {dimensions}", refusal.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7UL)]
    [InlineData(123456789UL)]
    public void Each_of_the_first_2_to_the_m_points_sits_alone_in_its_dyadic_interval_in_every_dimension(ulong? seed)
    {
        var sobol = new SobolSequence(10, seed);
        foreach (int m in new[] { 1, 3, 6, 8 })
        {
            int n = 1 << m;
            var seen = new bool[10, n];
            for (int i = 0; i < n; i++)
            {
                var point = sobol.Point(i);
                for (int d = 0; d < 10; d++)
                {
                    Assert.InRange(point[d], 0.0, 1.0 - Scale);
                    int cell = (int)(point[d] * n);
                    Assert.False(seen[d, cell], $"seed {seed}, m={m}: dimension {d} has two points in [{cell}/{n}, {cell + 1}/{n})");
                    seen[d, cell] = true;
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(11UL)]
    [InlineData(2024UL)]
    public void The_first_two_dimensions_form_a_0_m_2_net_before_and_after_scrambling(ulong? seed)
    {
        // Every box [i/2^a, (i+1)/2^a) x [j/2^(m-a), (j+1)/2^(m-a)) holds exactly one of the first 2^m points: a
        // property of the sequence that a wrong scramble (an upper matrix, bits reversed) destroys.
        const int m = 7, n = 1 << m;
        var sobol = new SobolSequence(2, seed);
        var points = Enumerable.Range(0, n).Select(i => sobol.Point(i)).ToArray();
        for (int a = 0; a <= m; a++)
        {
            var boxes = points.Select(p => ((int)(p[0] * (1 << a)), (int)(p[1] * (1 << (m - a))))).ToList();
            Assert.True(boxes.Distinct().Count() == n, $"seed {seed}: boxes of 2^-{a} x 2^-{m - a} hold two points");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_points_and_another_seed_others()
    {
        double[][] Points(ulong seed) => Enumerable.Range(0, 32).Select(i => new SobolSequence(4, seed).Point(i)).ToArray();
        Assert.Equal(Points(5), Points(5));
        Assert.NotEqual(Points(5)[0], Points(6)[0]);
        Assert.True(Points(5).Zip(Points(6)).Count(p => !p.First.SequenceEqual(p.Second)) == 32);
        Assert.NotEqual(new SobolSequence(4, null).Point(3), Points(5)[3]);
    }

    [Fact]
    public void The_centered_discrepancy_helper_agrees_with_scipy()
    {
        var points = ScipyFirstEightIn3D.Select(p => p.Select(x => x * Scale).ToArray()).ToArray();
        Assert.Equal(0.030596397541187148, CenteredDiscrepancy(points), 12);
    }

    [Fact]
    public void Scrambled_points_cover_the_cube_more_evenly_than_random_points_at_64_in_3_dimensions()
    {
        const int n = 64, d = 3, sets = 20;
        var sobol = new List<double>();
        var random = new List<double>();
        for (ulong seed = 1; seed <= sets; seed++)
        {
            var sequence = new SobolSequence(d, seed);
            sobol.Add(CenteredDiscrepancy(Enumerable.Range(0, n).Select(i => sequence.Point(i)).ToArray()));
            var generator = new SplitMix64(seed);
            random.Add(CenteredDiscrepancy(Enumerable.Range(0, n).Select(_ => new[] { generator.NextDouble(), generator.NextDouble(), generator.NextDouble() }).ToArray()));
        }
        // Theory: random's is O(n^-1/2), Sobol's near O(n^-1); at n = 64 about 4x apart on average.
        Assert.True(sobol.Average() * 2 < random.Average(), $"Sobol {sobol.Average():G3}, random {random.Average():G3}");
        Assert.True(sobol.Max() < random.Average(), $"worst Sobol set {sobol.Max():G3}, random on average {random.Average():G3}");
    }

    /// <summary>Hickernell's centered L2 discrepancy, as scipy.stats.qmc.discrepancy(method="CD") computes it.</summary>
    static double CenteredDiscrepancy(double[][] points)
    {
        int n = points.Length, d = points[0].Length;
        double single = 0, pairs = 0;
        foreach (var x in points)
        {
            double product = 1;
            for (int k = 0; k < d; k++)
            {
                double a = Math.Abs(x[k] - 0.5);
                product *= 1 + 0.5 * a - 0.5 * a * a;
            }
            single += product;
            foreach (var y in points)
            {
                double pair = 1;
                for (int k = 0; k < d; k++)
                    pair *= 1 + 0.5 * Math.Abs(x[k] - 0.5) + 0.5 * Math.Abs(y[k] - 0.5) - 0.5 * Math.Abs(x[k] - y[k]);
                pairs += pair;
            }
        }
        return Math.Pow(13.0 / 12, d) - 2.0 / n * single + pairs / ((double)n * n);
    }
}
