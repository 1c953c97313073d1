using CsCheck;
using Kolosseum.Uncertainty;

namespace Kolosseum.Tests.Uncertainty;

public class DistributionTests
{
    private static readonly Gen<UncertainValue> AnyValue = Gen.OneOf(
        Gen.Double[0.1, 10].Select(v => (UncertainValue)new PointValue(v) { Source = "t" }),
        Gen.Double[0.1, 5].Select(Gen.Double[0, 5]).Select((a, w) => (UncertainValue)new UniformValue(a, a + w) { Source = "t" }),
        Gen.Double[0.1, 5].Select(Gen.Double[0, 3], Gen.Double[0, 3]).Select((a, l, r) => (UncertainValue)new TriangularValue(a, a + l, a + l + r) { Source = "t" }),
        Gen.Double[0.1, 5].Select(Gen.Double[1.01, 4]).Select((a, k) => (UncertainValue)new LognormalValue(a, a * k, 0.01, 100) { Source = "t" }),
        Gen.Double[0.1, 5].Array[1, 5].Select(v => (UncertainValue)new DiscreteValue
        {
            Choices = [.. v.Distinct().Order().Select((x, i) => new Choice("c" + i, x, 1 + i))], Source = "t",
        }));

    [Fact]
    public void Every_quantile_function_is_monotone_and_stays_in_its_range() =>
        AnyValue.Select(Gen.Double[0, 1], Gen.Double[0, 1]).Sample((d, u1, u2) =>
        {
            double lo = Math.Min(u1, u2), hi = Math.Max(u1, u2);
            double a = d.Quantile(lo), b = d.Quantile(hi);
            return a <= b + 1e-12 && a >= d.Low - 1e-12 && b <= d.High + 1e-12;
        });

    /// <summary>Widening spreads every quantile away from the median: those above it move up, those below move down.</summary>
    [Fact]
    public void Widening_moves_every_quantile_away_from_the_median() =>
        AnyValue.Select(Gen.Double[1, 3], Gen.Double[0, 1]).Sample((d, s, u) =>
        {
            var w = d.Widened(s);
            double m = d.Median, q = d.Quantile(u), qw = w.Quantile(u);
            return Math.Abs(w.Median - m) < 1e-9 * (1 + Math.Abs(m)) && (q >= m ? qw >= q - 1e-9 : qw <= q + 1e-9);
        });

    /// <summary>Closed forms: the triangular median and the lognormal P10/P90 it was given.</summary>
    [Fact]
    public void Quantiles_match_the_closed_forms()
    {
        var t = new TriangularValue(0, 0, 1) { Source = "t" };
        Assert.Equal(1 - Math.Sqrt(0.5), t.Quantile(0.5), 12);
        var sym = new TriangularValue(1, 2, 3) { Source = "t" };
        Assert.Equal(2, sym.Median, 12);
        var ln = new LognormalValue(1, 4, 0.01, 100) { Source = "t" };
        Assert.Equal(1, ln.Quantile(0.1), 6);
        Assert.Equal(4, ln.Quantile(0.9), 6);
        Assert.Equal(2, ln.Median, 6);
        var choice = new DiscreteValue { Choices = [new Choice("a", 1, 1), new Choice("b", 2, 3)], Source = "t" };
        Assert.Equal(1, choice.Quantile(0.2));
        Assert.Equal(2, choice.Quantile(0.3));
    }

    /// <summary>Latin hypercube: each dimension has exactly one sample in each of the N strata, and the design depends on the seed alone.</summary>
    [Fact]
    public void Latin_hypercube_puts_one_sample_in_every_stratum() =>
        Gen.Int[1, 300].Select(Gen.Int[1, 12], Gen.ULong).Sample((n, dims, seed) =>
        {
            var u = LatinHypercube.Draw(n, dims, seed);
            var again = LatinHypercube.Draw(n, dims, seed);
            for (int d = 0; d < dims; d++)
            {
                var strata = u.Select(row => (int)Math.Floor(row[d] * n)).Order().ToArray();
                if (!strata.SequenceEqual(Enumerable.Range(0, n))) return false;
                if (u.Any(row => !(row[d] > 0 && row[d] < 1))) return false;
            }
            return u.Zip(again).All(p => p.First.SequenceEqual(p.Second));
        });
}
