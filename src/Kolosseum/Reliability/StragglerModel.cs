namespace Kolosseum.Reliability;

/// <summary>
/// Slow steps caused by stragglers, drawn once per run segment (from one restart to the next
/// interruption), not per step: a segment either runs at full speed or, with probability
/// <see cref="SlowProbability"/>, is slowed by s = 1 + threshold + e with e lognormal(μ, σ).
/// μ and σ are fitted so that the two published tail points hold exactly (Lin et al., OSDI 2025);
/// the published GPU-hour waste (10.4%) and the mean slowdown of slow jobs (1.28x) are not used by
/// the fit and serve as its checks (tests/Reliability/StragglerModelTests).
/// </summary>
public sealed record StragglerModel(bool Enabled, double SlowProbability, double Threshold, double Mu, double Sigma)
{
    public static StragglerModel Off { get; } = new(false, 0, 0, 0, 0);

    public static StragglerModel Fit(StragglerFacts f, bool enabled)
    {
        // A job that wastes w of its GPU-hours ran 1/(1 - w) times slower than it should.
        double heavyExcess = 1 / (1 - f.HeavyWaste) - 1 - f.SlowThreshold;
        double extremeExcess = 1 / (1 - f.ExtremeWaste) - 1 - f.SlowThreshold;
        // Tail probabilities among the slow jobs only.
        double zHeavy = SpecialFunctions.NormalQuantile(1 - f.HeavyJobFraction / f.SlowJobFraction);
        double zExtreme = SpecialFunctions.NormalQuantile(1 - f.ExtremeJobFraction / f.SlowJobFraction);
        double sigma = (Math.Log(extremeExcess) - Math.Log(heavyExcess)) / (zExtreme - zHeavy);
        double mu = Math.Log(heavyExcess) - sigma * zHeavy;
        return new StragglerModel(enabled, f.SlowJobFraction, f.SlowThreshold, mu, sigma);
    }

    /// <summary>Mean slowdown of a slow segment.</summary>
    public double MeanSlowdownWhenSlow => 1 + Threshold + Math.Exp(Mu + Sigma * Sigma / 2);

    /// <summary>Mean slowdown over all segments (1 when disabled).</summary>
    public double MeanSlowdown => Enabled ? 1 + SlowProbability * (MeanSlowdownWhenSlow - 1) : 1;

    /// <summary>
    /// Wall time per unit of work over a long run: segments end at failures and planned stops, which arrive in
    /// wall time whatever the speed, so a share p of the running time is slow and the work rate is
    /// (1 − p) + p·E[1/s]; its inverse is below <see cref="MeanSlowdown"/> (Jensen). E[1/s] by Simpson's rule over
    /// the lognormal's normal variable on ±8σ (the integrand is smooth and bounded by 1).
    /// </summary>
    public double WallTimePerWork
    {
        get
        {
            if (!Enabled || SlowProbability <= 0) return 1;
            const int Intervals = 128;
            const double Span = 8;
            double h = 2 * Span / Intervals, sum = 0;
            for (int i = 0; i <= Intervals; i++)
            {
                double z = -Span + i * h;
                double f = Math.Exp(-z * z / 2) / (1 + Threshold + Math.Exp(Mu + Sigma * z));
                sum += f * (i == 0 || i == Intervals ? 1 : i % 2 == 1 ? 4 : 2);
            }
            double meanRateWhenSlow = sum * h / 3 / Math.Sqrt(2 * Math.PI);
            return 1 / (1 - SlowProbability + SlowProbability * meanRateWhenSlow);
        }
    }

    /// <summary>
    /// Share of GPU-hours lost to stragglers: a segment slowed by s holds its GPUs s times as long, so
    /// the waste is E[s - 1] / E[s] (the GPU-hour-weighted measure Lin et al. report).
    /// </summary>
    public double WastedGpuHourFraction => (MeanSlowdown - 1) / MeanSlowdown;
}

/// <summary>Repair time of a failed node: lognormal (Schroeder and Gibson, DSN 2006) from a median and a P90.</summary>
public sealed record RepairTimeModel(double Mu, double Sigma)
{
    public static RepairTimeModel FromMedianAndP90(Units.Duration median, Units.Duration p90)
    {
        double mu = Math.Log(median.Seconds);
        double sigma = (Math.Log(p90.Seconds) - mu) / SpecialFunctions.NormalQuantile(0.9);
        return new RepairTimeModel(mu, sigma);
    }

    public Units.Duration Median => new(Math.Exp(Mu));
    public Units.Duration Mean => new(Math.Exp(Mu + Sigma * Sigma / 2));
}
