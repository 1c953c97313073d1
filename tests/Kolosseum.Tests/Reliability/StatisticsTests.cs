using CsCheck;
using Kolosseum.Reliability.Statistics;

namespace Kolosseum.Tests.Reliability;

public class StatisticsTests
{
    [Fact]
    public void Exact_moments_do_not_depend_on_how_values_are_split_and_merged()
    {
        Gen.Double[0, 1e6].Array[1, 200].Select(Gen.Int[1, 8]).Sample((values, parts) =>
        {
            var whole = new ExactMoments();
            foreach (var v in values) whole.Add(v);
            var pieces = Enumerable.Range(0, parts).Select(_ => new ExactMoments()).ToArray();
            for (int i = 0; i < values.Length; i++) pieces[(i * 7 + 3) % parts].Add(values[i]);
            var merged = new ExactMoments();
            foreach (var p in pieces.Reverse()) merged.Merge(p);
            return merged.Mean.Equals(whole.Mean) && merged.Variance.Equals(whole.Variance) && merged.Count == values.Length;
        });
    }

    [Fact]
    public void Exact_moments_agree_with_the_textbook_mean_and_variance()
    {
        var m = new ExactMoments();
        foreach (var v in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }) m.Add(v);
        Assert.Equal(5, m.Mean, 12);
        Assert.Equal(32.0 / 7, m.Variance, 9);
    }

    [Fact]
    public void Sketch_quantiles_are_within_the_relative_accuracy_of_the_exact_ones()
    {
        Gen.Double[1e-3, 1e4].Array[1, 500].Sample(values =>
        {
            var sketch = new QuantileSketch();
            foreach (var v in values) sketch.Add(v);
            var sorted = values.Order().ToArray();
            foreach (var q in new[] { 0.1, 0.5, 0.9 })
            {
                double exact = sorted[(int)Math.Ceiling(q * (sorted.Length - 1) - 1e-9)];
                double lower = sorted[(int)Math.Floor(q * (sorted.Length - 1))];
                double got = sketch.Quantile(q);
                // The rank falls between two order statistics; the estimate is within α of one of them.
                if (got < lower * (1 - 2 * QuantileSketch.Alpha) || got > exact * (1 + 2 * QuantileSketch.Alpha)) return false;
            }
            return true;
        });
    }

    [Fact]
    public void Sketch_memory_depends_on_the_spread_not_on_the_count()
    {
        var sketch = new QuantileSketch();
        var rng = new Random(7);
        for (int i = 0; i < 200_000; i++) sketch.Add(100 * (1 + 0.1 * rng.NextDouble()));
        // Values in [100, 110]: ln(1.1) / ln(γ) ≈ 477 buckets at α = 1e-4, whatever the number of values.
        Assert.InRange(sketch.BucketCount, 400, 500);
    }

    [Fact]
    public void Count_histogram_quantiles_are_order_statistics()
    {
        var h = new CountHistogram();
        foreach (var v in new long[] { 5, 1, 3, 2, 4, 6, 7, 8, 9, 10 }) h.Add(v);
        Assert.Equal(1, h.Quantile(0));
        Assert.Equal(5, h.Quantile(0.5));
        Assert.Equal(10, h.Quantile(1));
    }
}
