namespace Kolosseum.Reliability.Statistics;

/// <summary>
/// Count, sum and sum of squares of a stream of values, in 2^-32 fixed point on 128-bit integers.
/// Integer addition is associative, so merging per-thread accumulators in any order gives bit-identical
/// results: Monte-Carlo output does not depend on the thread count. Values must stay below 2^36 in
/// magnitude (69 billion), far above any day count, ratio or GPU-day total the model produces.
/// </summary>
public struct ExactMoments
{
    private const double Scale = 4294967296.0;
    private const double Limit = 68719476736.0;
    private Int128 _sum;
    private Int128 _sumSquares;

    public long Count { get; private set; }

    public void Add(double x)
    {
        if (!(Math.Abs(x) < Limit)) throw new ArgumentOutOfRangeException(nameof(x), x, "outside the exact accumulator's range (a bug)");
        _sum += (Int128)Math.Round(x * Scale);
        _sumSquares += (Int128)Math.Round(x * x * Scale);
        Count++;
    }

    public void Merge(in ExactMoments other)
    {
        _sum += other._sum;
        _sumSquares += other._sumSquares;
        Count += other.Count;
    }

    public readonly double Sum => (double)_sum / Scale;
    public readonly double Mean => Count == 0 ? double.NaN : (double)_sum / Scale / Count;

    /// <summary>Sample variance (n - 1 in the denominator).</summary>
    public readonly double Variance
    {
        get
        {
            if (Count < 2) return 0;
            double mean = Mean;
            double meanSquares = (double)_sumSquares / Scale / Count;
            return Math.Max(0, (meanSquares - mean * mean) * Count / (Count - 1));
        }
    }

    public readonly double StdDev => Math.Sqrt(Variance);

    /// <summary>Standard error of the mean.</summary>
    public readonly double StandardError => Count == 0 ? double.NaN : StdDev / Math.Sqrt(Count);
}
