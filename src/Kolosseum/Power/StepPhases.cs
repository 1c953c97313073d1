namespace Kolosseum.Power;

/// <summary>
/// How one synchronous training step divides its time by GPU power state: computing (near TDP), waiting
/// in collectives or pipeline bubbles (low), and stalled with no work at all. The fractions sum to one.
/// </summary>
public readonly record struct StepPhases
{
    public StepPhases(double compute, double communication, double stalled)
    {
        if (!double.IsFinite(compute) || !double.IsFinite(communication) || !double.IsFinite(stalled) || compute < 0 || communication < 0 || stalled < 0)
            throw new ArgumentOutOfRangeException(nameof(compute), "phase fractions must be finite and not negative");
        double sum = compute + communication + stalled;
        if (Math.Abs(sum - 1) > 1e-6) throw new ArgumentException($"phase fractions must sum to 1, not {sum}", nameof(compute));
        Compute = compute / sum;
        Communication = communication / sum;
        Stalled = stalled / sum;
    }

    public double Compute { get; }
    public double Communication { get; }
    public double Stalled { get; }

    /// <summary>From a step-time breakdown: compute time and the time GPUs wait (exposed communication plus bubbles).</summary>
    public static StepPhases FromTimes(Units.Duration compute, Units.Duration waiting)
    {
        double total = compute.Seconds + waiting.Seconds;
        if (!(total > 0)) throw new ArgumentException("a step must take some time", nameof(compute));
        return new StepPhases(compute.Seconds / total, waiting.Seconds / total, 0);
    }

    /// <summary>
    /// Stand-in when no step breakdown is known: a step reaching <paramref name="mfu"/> spends mfu / e of its time
    /// in compute kernels that run at efficiency e (the GPU's achievable matmul fraction); the rest it waits.
    /// </summary>
    public static StepPhases FromMfu(double mfu, double computeEfficiency)
    {
        if (!(mfu > 0 && mfu <= 1) || !(computeEfficiency > 0 && computeEfficiency <= 1))
            throw new ArgumentOutOfRangeException(nameof(mfu), "MFU and compute efficiency must lie in (0, 1]");
        double compute = Math.Min(1, mfu / computeEfficiency);
        return new StepPhases(compute, 1 - compute, 0);
    }

    public override string ToString() =>
        $"compute {Compute.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}, communication {Communication.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}, stalled {Stalled.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}";
}
