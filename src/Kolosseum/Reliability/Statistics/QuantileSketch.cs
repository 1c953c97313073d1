using System.Runtime.InteropServices;

namespace Kolosseum.Reliability.Statistics;

/// <summary>
/// A mergeable quantile sketch with relative accuracy (DDSketch, Masson et al., VLDB 2019): a positive
/// value x goes to bucket ⌈log_γ x⌉ with γ = (1 + α)/(1 − α), and a bucket's estimate is within α of
/// every value in it. Counts are integers, so merging in any order gives the same sketch. Memory grows
/// with the spread of the values (log of max/min divided by 2α), never with their number.
/// </summary>
public sealed class QuantileSketch
{
    /// <summary>Relative accuracy of a quantile: 0.01%.</summary>
    public const double Alpha = 1e-4;

    private static readonly double Gamma = (1 + Alpha) / (1 - Alpha);
    private static readonly double LogGamma = Math.Log(Gamma);
    private const double Tiny = 1e-12;

    private readonly Dictionary<int, long> _buckets = [];
    private long _zeros;

    public long Count { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Buckets in use (for memory checks).</summary>
    public int BucketCount => _buckets.Count;

    public void Add(double x)
    {
        if (!(x >= 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "the sketch holds finite non-negative values (a bug)");
        Count++;
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        if (x < Tiny)
        {
            _zeros++;
            return;
        }
        int key = (int)Math.Ceiling(Math.Log(x) / LogGamma);
        CollectionsMarshal.GetValueRefOrAddDefault(_buckets, key, out _)++;
    }

    public void Merge(QuantileSketch other)
    {
        foreach (var (key, n) in other._buckets) CollectionsMarshal.GetValueRefOrAddDefault(_buckets, key, out _) += n;
        _zeros += other._zeros;
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) by rank q·(n − 1), within relative error α; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        double rank = q * (Count - 1);
        if (rank < _zeros) return Math.Max(0, Min);
        long seen = _zeros;
        foreach (var key in _buckets.Keys.Order())
        {
            seen += _buckets[key];
            if (seen > rank) return Math.Clamp(2 * Math.Pow(Gamma, key) / (Gamma + 1), Min, Max);
        }
        return Max;
    }
}

/// <summary>Exact distribution of whole-number outcomes (interruption counts): a map from value to frequency.</summary>
public sealed class CountHistogram
{
    private readonly Dictionary<long, long> _counts = [];

    public long Count { get; private set; }

    public void Add(long value)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, value, out _)++;
        Count++;
    }

    public void Merge(CountHistogram other)
    {
        foreach (var (v, n) in other._counts) CollectionsMarshal.GetValueRefOrAddDefault(_counts, v, out _) += n;
        Count += other.Count;
    }

    /// <summary>The q-quantile by rank q·(n − 1) (a value that occurred); NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        double rank = q * (Count - 1);
        long seen = 0;
        foreach (var v in _counts.Keys.Order())
        {
            seen += _counts[v];
            if (seen > rank) return v;
        }
        return _counts.Keys.Max();
    }
}
