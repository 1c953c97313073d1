namespace Kolosseum.Buildout;

/// <summary>
/// A three-point estimate (min, most likely, max) read as a beta-PERT distribution: a beta on
/// [min, max] with shapes α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min)
/// (US Navy Polaris, 1958; AACE RP 57R-09 uses it for schedule risk). Values are plain doubles in SI
/// units (seconds, servers per second): this is the hot-path form; typed estimates convert to it.
/// </summary>
public readonly record struct PertEstimate(double Min, double Mode, double Max)
{
    /// <summary>Weight of the mode in the mean, (min + 4·mode + max)/6: the classic PERT λ = 4.</summary>
    public const double ModeWeight = 4;

    public static PertEstimate Fixed(double value) => new(value, value, value);

    /// <summary>min = mode = max: the estimate is a single number and sampling draws nothing.</summary>
    public bool IsFixed => Min == Max;

    public double Range => Max - Min;

    public double Alpha => IsFixed ? 1 : 1 + ModeWeight * (Mode - Min) / Range;

    public double Beta => IsFixed ? 1 : 1 + ModeWeight * (Max - Mode) / Range;

    /// <summary>(min + 4·mode + max) / 6.</summary>
    public double Mean => (Min + ModeWeight * Mode + Max) / (ModeWeight + 2);

    /// <summary>
    /// Exact variance of the beta-PERT, (mean − min)(max − mean)/7. The textbook shortcut
    /// σ = (max − min)/6 is an approximation of it, exact only for some shapes.
    /// </summary>
    public double Variance => (Mean - Min) * (Max - Mean) / (ModeWeight + 3);

    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Whether the three points are finite, not negative and ordered min ≤ mode ≤ max.</summary>
    public bool IsValid => double.IsFinite(Min) && double.IsFinite(Mode) && double.IsFinite(Max) && Min >= 0 && Min <= Mode && Mode <= Max;

    public double Sample(ref TrialRandom random) =>
        IsFixed ? Min : Min + Range * random.NextBeta(Alpha, Beta);
}
