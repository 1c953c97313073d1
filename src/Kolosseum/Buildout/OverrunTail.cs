namespace Kolosseum.Buildout;

/// <summary>
/// An optional fat tail on top of a three-point duration: with <see cref="Probability"/> the phase
/// overruns and its sampled duration is multiplied by a Pareto factor (minimum 1, shape
/// <see cref="Alpha"/>) truncated at <see cref="MaxFactor"/>. Flyvbjerg's reference-class work finds
/// project overruns Pareto-tailed (α ≤ 1 for IT projects), which a bounded beta cannot show; the
/// truncation keeps the mean finite. No embedded preset sets one: there is no sourced tail for data
/// center phases, so a user adds it where a reference class says so.
/// </summary>
public sealed record OverrunTail(double Probability, double Alpha, double MaxFactor)
{
    public bool IsValid => Probability is >= 0 and <= 1 && double.IsFinite(Alpha) && Alpha > 0 && double.IsFinite(MaxFactor) && MaxFactor > 1;

    /// <summary>A draw of the factor (1 when the phase does not overrun).</summary>
    public double SampleFactor(ref TrialRandom random)
    {
        if (random.NextDouble() >= Probability) return 1;
        // Inverse CDF of the Pareto truncated to [1, c]: F(x) = (1 − x^−α) / (1 − c^−α).
        double u = random.NextDouble();
        double x = Math.Pow(1 - u * (1 - Math.Pow(MaxFactor, -Alpha)), -1 / Alpha);
        return Math.Min(x, MaxFactor);
    }

    /// <summary>Mean of the truncated Pareto factor given an overrun (closed form).</summary>
    public double MeanFactorGivenOverrun
    {
        get
        {
            double c = MaxFactor;
            if (Math.Abs(Alpha - 1) < 1e-12) return Math.Log(c) / (1 - 1 / c);
            return Alpha / (Alpha - 1) * (1 - Math.Pow(c, 1 - Alpha)) / (1 - Math.Pow(c, -Alpha));
        }
    }

    /// <summary>Mean multiplier over all trials: 1 − p + p·E[factor | overrun].</summary>
    public double MeanFactor => 1 - Probability + Probability * MeanFactorGivenOverrun;
}
