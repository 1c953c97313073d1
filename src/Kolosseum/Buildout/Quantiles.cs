using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>
/// Percentiles over Monte-Carlo trials by the nearest-rank rule: the P-th percentile is the smallest
/// sampled value with at least P % of the trials at or below it. Always a value some trial produced.
/// </summary>
internal static class Quantiles
{
    public static readonly double[] Levels = [0.10, 0.50, 0.90];

    public static int Rank(double p, int n) => Math.Clamp((int)Math.Ceiling(p * n) - 1, 0, n - 1);

    /// <summary>P10, P50 and P90 of <paramref name="values"/>, which is reordered in place.</summary>
    public static (double P10, double P50, double P90) Of(Span<double> values)
    {
        int n = values.Length;
        // Select the highest rank first: later selections only look left of it.
        double p90 = Select(values, Rank(0.90, n), 0, n - 1);
        double p50 = Select(values, Rank(0.50, n), 0, Rank(0.90, n));
        double p10 = Select(values, Rank(0.10, n), 0, Rank(0.50, n));
        return (p10, p50, p90);
    }

    public static DurationPercentiles Durations(Span<double> seconds)
    {
        var (a, b, c) = Of(seconds);
        return new DurationPercentiles(Duration.FromSeconds(a), Duration.FromSeconds(b), Duration.FromSeconds(c));
    }

    /// <summary>The k-th smallest value of values[lo..hi] (Hoare's selection; the answer is unique whatever the pivots).</summary>
    private static double Select(Span<double> values, int k, int lo, int hi)
    {
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            double pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}

/// <summary>P10, P50 and P90 of a duration over trials.</summary>
public readonly record struct DurationPercentiles(Duration P10, Duration P50, Duration P90);

/// <summary>P10, P50 and P90 calendar dates.</summary>
public readonly record struct DatePercentiles(DateOnly P10, DateOnly P50, DateOnly P90);
