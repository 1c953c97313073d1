namespace Kolosseum.Reporting.Charts;

/// <summary>Samples counted into bins with nice, contiguous edges; the last bin includes its right edge.</summary>
public sealed record HistogramBins(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>
    /// Bins edged on the nice ticks of the samples' range, in the display unit of <paramref name="unit"/>
    /// (so that a duration histogram has edges on whole days). Non-finite samples are left out.
    /// </summary>
    public static HistogramBins? Create(IEnumerable<double> samples, AxisUnit unit, int? bins = null)
    {
        var finite = samples.Where(s => Math.Abs(s) <= NiceTicks.MaxMagnitude).ToArray();
        if (finite.Length == 0) return null;
        double min = finite.Min(), max = finite.Max();
        var display = AxisDisplayUnit.For(unit, Math.Max(Math.Abs(min), Math.Abs(max)));
        int target = bins ?? DefaultBins(finite.Length);
        var ticks = NiceTicks.Linear(min / display.Factor, max / display.Factor, Math.Clamp(target, 1, NiceTicks.MaxTicks - 1));
        var edges = ticks.Select(t => t * display.Factor).ToArray();

        var counts = new int[edges.Length - 1];
        foreach (double s in finite) counts[BinOf(edges, s)]++;
        return new HistogramBins(edges, counts);
    }

    /// <summary>The square-root rule, kept between 5 and 30 bins so that shape shows without noise.</summary>
    public static int DefaultBins(int sampleCount) => Math.Clamp((int)Math.Ceiling(Math.Sqrt(sampleCount)), 5, 30);

    public int Total => Counts.Sum();

    // Binary search on the edges: exact at boundaries, where (x - e0) / step can round either way.
    private static int BinOf(double[] edges, double x)
    {
        int lo = 0, hi = edges.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (x >= edges[mid]) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
