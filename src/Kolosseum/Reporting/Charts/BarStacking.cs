namespace Kolosseum.Reporting.Charts;

/// <summary>One drawn piece of a bar: series <c>Series</c> in category <c>Category</c>, from Start to End.</summary>
public readonly record struct BarSegment(int Category, int Series, double Start, double End)
{
    public double Length => End - Start;
}

/// <summary>
/// Where every bar segment starts and ends. Stacked: positive values pile up from zero, negative
/// values pile down from zero, so a bar's top is the sum of its positives and its bottom the sum of
/// its negatives. Grouped: every segment starts at zero.
/// </summary>
public static class BarStacking
{
    /// <summary>Segments for finite values; a missing or non-finite value draws nothing and is counted in <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<BarSegment> Layout(BarChart chart, out int skipped)
    {
        skipped = 0;
        var segments = new List<BarSegment>();
        int categories = chart.Categories.IsDefault ? 0 : chart.Categories.Length;
        var series = chart.Series.IsDefault ? [] : chart.Series;
        for (int c = 0; c < categories; c++)
        {
            double up = 0, down = 0;
            for (int s = 0; s < series.Length; s++)
            {
                var values = series[s].Values;
                if (values.IsDefault || c >= values.Length || !(Math.Abs(values[c]) <= NiceTicks.MaxMagnitude))
                {
                    skipped++;
                    continue;
                }
                double v = values[c];
                if (chart.Layout == BarLayout.Grouped) segments.Add(new BarSegment(c, s, 0, v));
                else if (v >= 0) { segments.Add(new BarSegment(c, s, up, up + v)); up += v; }
                else { segments.Add(new BarSegment(c, s, down, down + v)); down += v; }
            }
        }
        return segments;
    }

    /// <summary>Sum of the positive and of the negative segments of one category (stacked layout).</summary>
    public static (double Positive, double Negative) Totals(IReadOnlyList<BarSegment> segments, int category)
    {
        double pos = 0, neg = 0;
        foreach (var s in segments)
        {
            if (s.Category != category) continue;
            if (s.Length >= 0) pos += s.Length;
            else neg += s.Length;
        }
        return (pos, neg);
    }
}
