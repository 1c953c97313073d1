using CsCheck;
using Kolosseum.Reporting.Charts;

namespace Kolosseum.Tests.Reporting.Charts;

public class HistogramBinsTests
{
    [Fact]
    public void Every_finite_sample_lands_in_exactly_the_bin_that_contains_it() =>
        Gen.Double[-1e6, 1e6].Array[1, 300].Select(Gen.Int[1, 40]).Sample((samples, bins) =>
        {
            var h = HistogramBins.Create(samples, AxisUnit.None, bins)!;
            var edges = h.Edges;
            bool ascending = edges.Zip(edges.Skip(1)).All(p => p.First < p.Second);
            bool encloses = edges[0] <= samples.Min() && edges[^1] >= samples.Max();
            var recount = new int[h.Counts.Count];
            foreach (double s in samples)
            {
                int i = Enumerable.Range(0, h.Counts.Count).Last(k => s >= edges[k]);
                recount[i]++;
            }
            return ascending && encloses && h.Total == samples.Length && recount.SequenceEqual(h.Counts);
        });

    [Fact]
    public void Non_finite_samples_are_left_out_and_no_finite_sample_gives_no_bins()
    {
        var h = HistogramBins.Create([1, 2, double.NaN, double.PositiveInfinity, 3], AxisUnit.None)!;
        Assert.Equal(3, h.Total);
        Assert.Null(HistogramBins.Create([double.NaN], AxisUnit.None));
        Assert.Null(HistogramBins.Create([], AxisUnit.None));
    }

    [Fact]
    public void Duration_samples_are_binned_on_whole_display_units()
    {
        double day = 86400;
        var h = HistogramBins.Create([40.3 * day, 44.9 * day, 51.2 * day], AxisUnit.Duration, bins: 6)!;
        Assert.All(h.Edges, e => Assert.Equal(Math.Round(e / day), e / day, 9));
    }

    [Fact]
    public void Default_bin_count_follows_the_square_root_rule_within_5_to_30()
    {
        Assert.Equal(5, HistogramBins.DefaultBins(4));
        Assert.Equal(23, HistogramBins.DefaultBins(500));
        Assert.Equal(30, HistogramBins.DefaultBins(100_000));
    }
}
