using System.Collections.Immutable;
using CsCheck;
using Kolosseum.Reporting.Charts;

namespace Kolosseum.Tests.Reporting.Charts;

public class BarStackingTests
{
    private static BarChart Chart(double[][] series, BarLayout layout) => new(
        "t", [.. Enumerable.Range(0, series[0].Length).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        [.. series.Select((v, i) => new BarSeries("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. v]))],
        new AxisSpec("", AxisUnit.None)) { Layout = layout };

    [Fact]
    public void Stacks_pile_positives_up_and_negatives_down_without_gaps() =>
        Gen.Double[-100, 100].Array[4].Array[1, 6].Sample(series =>
        {
            var segments = BarStacking.Layout(Chart(series, BarLayout.Stacked), out int skipped);
            for (int c = 0; c < 4; c++)
            {
                // Which stack a segment is on follows its value's sign (a tiny value can round to length 0).
                var up = segments.Where(s => s.Category == c && series[s.Series][c] >= 0).ToArray();
                var down = segments.Where(s => s.Category == c && series[s.Series][c] < 0).ToArray();
                double pos = series.Sum(v => Math.Max(0, v[c])), neg = series.Sum(v => Math.Min(0, v[c]));
                var (p, n) = BarStacking.Totals(segments, c);
                bool contiguous = up.Zip(up.Skip(1)).All(x => x.First.End == x.Second.Start) && down.Zip(down.Skip(1)).All(x => x.First.End == x.Second.Start);
                bool fromZero = (up.Length == 0 || up[0].Start == 0) && (down.Length == 0 || down[0].Start == 0);
                bool sums = Math.Abs(p - pos) < 1e-9 && Math.Abs(n - neg) < 1e-9
                            && (up.Length == 0 || Math.Abs(up[^1].End - pos) < 1e-9) && (down.Length == 0 || Math.Abs(down[^1].End - neg) < 1e-9);
                if (!(contiguous && fromZero && sums)) return false;
            }
            return skipped == 0;
        });

    [Fact]
    public void Grouped_bars_all_start_at_zero() =>
        Assert.All(BarStacking.Layout(Chart([[1, -2], [3, 4]], BarLayout.Grouped), out _), s => Assert.Equal(0, s.Start));

    [Fact]
    public void Missing_and_non_finite_values_draw_nothing_and_are_counted()
    {
        var chart = new BarChart("t", ["a", "b", "c"], [new BarSeries("x", [1, double.NaN]), new BarSeries("y", ImmutableArray<double>.Empty)], new AxisSpec("", AxisUnit.None));
        var segments = BarStacking.Layout(chart, out int skipped);
        Assert.Single(segments);
        Assert.Equal(5, skipped); // x: NaN and missing c; y: missing a, b, c
    }
}
