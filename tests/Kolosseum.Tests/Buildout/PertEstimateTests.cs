using Kolosseum.Buildout;

namespace Kolosseum.Tests.Buildout;

/// <summary>
/// Beta-PERT sampling against its closed forms. Each check draws n = 100,000 samples from a fixed
/// stream; a sample mean is within 5 standard errors (σ/√n) of the true mean, and a sample variance
/// within 5 standard errors (σ²·√((κ−1)/n), κ the beta's kurtosis), except with probability < 1e-6.
/// </summary>
public class PertEstimateTests
{
    private const int N = 100_000;

    [Theory]
    [InlineData(0, 1, 4)]
    [InlineData(46, 47, 110)]      // switchgear weeks: strongly right-skewed
    [InlineData(12, 24, 60)]       // grid interconnection months
    [InlineData(8, 8, 16)]         // mode at min: α = 1
    [InlineData(5, 10, 10)]        // mode at max: β = 1
    [InlineData(3, 6, 9)]          // symmetric: α = β = 3
    public void Sample_mean_and_variance_match_the_closed_forms(double min, double mode, double max)
    {
        var pert = new PertEstimate(min, mode, max);
        var samples = Draw(pert, N, seed: 11);
        double mean = samples.Average();
        double variance = samples.Sum(x => (x - mean) * (x - mean)) / (N - 1);

        double expectedMean = (min + 4 * mode + max) / 6;
        Assert.Equal(expectedMean, pert.Mean, 12);
        Assert.InRange(mean, expectedMean - 5 * pert.StandardDeviation / Math.Sqrt(N), expectedMean + 5 * pert.StandardDeviation / Math.Sqrt(N));

        double a = pert.Alpha, b = pert.Beta, s = a + b;
        double expectedVariance = Math.Pow(max - min, 2) * a * b / (s * s * (s + 1));
        Assert.Equal(expectedVariance, pert.Variance, 9);
        double excessKurtosis = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3));
        double varianceError = expectedVariance * Math.Sqrt((excessKurtosis + 2) / N);
        Assert.InRange(variance, expectedVariance - 5 * varianceError, expectedVariance + 5 * varianceError);

        Assert.All(samples, x => Assert.InRange(x, min, max));
    }

    [Fact]
    public void Shape_parameters_follow_the_pert_formulas()
    {
        // α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a): for (0, 1, 4), α = 2 and β = 4.
        var pert = new PertEstimate(0, 1, 4);
        Assert.Equal(2, pert.Alpha, 12);
        Assert.Equal(4, pert.Beta, 12);
        // The shapes always add to 6, so the exact variance is (μ − a)(b − μ)/7.
        Assert.Equal((pert.Mean - 0) * (4 - pert.Mean) / 7, pert.Variance, 12);
    }

    [Theory]
    [InlineData(0, 0, 1, false)] // Beta(1, 5): F(x) = 1 − (1 − x)^5
    [InlineData(0, 1, 1, true)]  // Beta(5, 1): F(x) = x^5
    public void Samples_follow_the_beta_distribution(double min, double mode, double max, bool powerLaw)
    {
        // Kolmogorov–Smirnov against the closed-form CDF; 1.63/√n is the 1 % critical value.
        var samples = Draw(new PertEstimate(min, mode, max), N, seed: 5);
        Array.Sort(samples);
        double d = 0;
        for (int i = 0; i < N; i++)
        {
            double f = powerLaw ? Math.Pow(samples[i], 5) : 1 - Math.Pow(1 - samples[i], 5);
            d = Math.Max(d, Math.Max(Math.Abs(f - (double)i / N), Math.Abs(f - (double)(i + 1) / N)));
        }
        Assert.True(d < 1.63 / Math.Sqrt(N), $"KS distance {d} exceeds the 1 % critical value {1.63 / Math.Sqrt(N)}");
    }

    [Fact]
    public void A_fixed_estimate_draws_nothing_and_returns_its_value()
    {
        var random = new TrialRandom(3, 0);
        var copy = random;
        Assert.Equal(7.5, PertEstimate.Fixed(7.5).Sample(ref random));
        Assert.Equal(copy.NextUInt64(), random.NextUInt64());
    }

    [Theory]
    [InlineData(0.3, 1.5, 4)]
    [InlineData(0.5, 1.0, 3)]   // α = 1: the mean factor is ln c / (1 − 1/c)
    [InlineData(0.1, 0.8, 10)]  // α < 1 (Flyvbjerg's IT projects): finite only because truncated
    public void Overrun_tail_mean_matches_the_truncated_pareto_closed_form(double p, double alpha, double cap)
    {
        var tail = new OverrunTail(p, alpha, cap);
        var factors = new double[N];
        var random = new TrialRandom(17, 0);
        for (int i = 0; i < N; i++) factors[i] = tail.SampleFactor(ref random);
        double mean = factors.Average();
        double sd = Math.Sqrt(factors.Sum(x => (x - mean) * (x - mean)) / (N - 1));
        Assert.InRange(mean, tail.MeanFactor - 5 * sd / Math.Sqrt(N), tail.MeanFactor + 5 * sd / Math.Sqrt(N));
        Assert.All(factors, f => Assert.InRange(f, 1, cap));
        // The share of trials that overrun is p (binomial standard error).
        double share = factors.Count(f => f > 1) / (double)N;
        Assert.InRange(share, p - 5 * Math.Sqrt(p * (1 - p) / N), p + 5 * Math.Sqrt(p * (1 - p) / N));
    }

    private static double[] Draw(PertEstimate pert, int n, ulong seed)
    {
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            // One stream per draw, as the simulator does per trial.
            var random = new TrialRandom(seed, i);
            result[i] = pert.Sample(ref random);
        }
        return result;
    }
}
