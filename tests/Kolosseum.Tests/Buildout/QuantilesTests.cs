using CsCheck;
using Kolosseum.Buildout;

namespace Kolosseum.Tests.Buildout;

public class QuantilesTests
{
    [Fact]
    public void Selection_gives_the_nearest_rank_percentiles_of_the_sorted_values()
    {
        // Few distinct values on purpose: the weekly bands are full of ties (zeros, whole clusters).
        Gen.Int[0, 6].Select(v => (double)v).Array[1, 300].Sample(values =>
        {
            var sorted = values.Order().ToArray();
            int n = sorted.Length;
            var (p10, p50, p90) = Quantiles.Of(values.ToArray());
            Assert.Equal(sorted[(int)Math.Ceiling(0.1 * n) - 1], p10);
            Assert.Equal(sorted[(int)Math.Ceiling(0.5 * n) - 1], p50);
            Assert.Equal(sorted[(int)Math.Ceiling(0.9 * n) - 1], p90);
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Nearest_rank_of_ten_values_is_the_first_fifth_and_ninth()
    {
        var (p10, p50, p90) = Quantiles.Of(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 });
        Assert.Equal((1.0, 5.0, 9.0), (p10, p50, p90));
    }
}
