using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>A sudden change of draw and what a battery must do to hide it from the grid.</summary>
public sealed record PowerEvent(string Name, Watts Drop, Duration Length, Watts BatteryPower, Joules BatteryEnergy);

/// <summary>
/// The swings of a synchronous job as the grid sees them (IT level: cooling does not follow millisecond
/// steps), how fast they happen, and the battery that would flatten them to what the grid can follow.
/// </summary>
public sealed record PowerSwing
{
    /// <summary>IT power in the compute phase minus in the communication phase.</summary>
    public required Watts StepSwing { get; init; }

    /// <summary>How often the step swing repeats (1 / step time).</summary>
    public required double FrequencyHz { get; init; }

    /// <summary>Step swing / the GPU's power transition time; null when the catalog does not know the transition time.</summary>
    public required double? RampWattsPerSecond { get; init; }

    /// <summary>What the grid connection lets the draw change per minute.</summary>
    public required Watts GridRampPerMinute { get; init; }

    public required IReadOnlyList<PowerEvent> Events { get; init; }

    /// <summary>Battery power rating: the largest drop it must absorb or rise it must feed.</summary>
    public Watts BatteryPower => new(Events.Max(e => e.BatteryPower.Value));

    /// <summary>Battery energy rating: the largest energy any one event moves through it.</summary>
    public Joules BatteryEnergy => new(Events.Max(e => e.BatteryEnergy.Value));

    /// <summary>
    /// Step swing: the battery feeds the compute phase above the step average and absorbs the rest, so it moves
    /// (P_compute - P_avg) x t_compute each step. A longer drop dP of length d (checkpoint, restart, job end):
    /// the grid ramps down at L while the battery absorbs the gap, dP d - L d^2/2 while d &lt;= dP/L, dP^2/(2L) after.
    /// </summary>
    public static PowerSwing Compute(PowerProfile power, RunProfile run, Watts gridRampPerMinute, Duration? gpuTransition)
    {
        if (!(gridRampPerMinute.Value > 0)) throw new ArgumentOutOfRangeException(nameof(gridRampPerMinute), "the grid ramp limit must be positive");
        var compute = power.It(PowerState.Compute);
        var comm = power.It(PowerState.Communication);
        var stalled = power.It(PowerState.Stalled);
        var idle = power.It(PowerState.Idle);
        var average = power.ItStepAverage;
        double rampLimit = gridRampPerMinute.Value / 60;
        var swing = compute - comm;

        var tCompute = run.StepTime * run.Phases.Compute;
        var events = new List<PowerEvent>
        {
            new("Step: compute to communication", swing, run.StepTime * run.Phases.Communication,
                new Watts(Math.Max((compute - average).Value, (average - comm).Value)), (compute - average) * tCompute),
            Drop("Checkpoint pause", average - stalled, run.CheckpointPause, rampLimit),
            Drop("Failure and restart", average - stalled, run.RestartTime, rampLimit),
            // The job does not come back: the grid ramps all the way down, over dP / L.
            Drop("Job end", average - idle, new Duration(Math.Max(0, (average - idle).Value) / rampLimit), rampLimit),
        };
        double? ramp = gpuTransition is { Seconds: > 0 } t ? swing.Value / t.Seconds : null;
        return new PowerSwing
        {
            StepSwing = swing, FrequencyHz = 1 / run.StepTime.Seconds, RampWattsPerSecond = ramp, GridRampPerMinute = gridRampPerMinute, Events = events,
        };
    }

    private static PowerEvent Drop(string name, Watts drop, Duration length, double rampLimit)
    {
        double dp = Math.Max(0, drop.Value);
        double d = length.Seconds;
        double energy = d <= dp / rampLimit ? dp * d - rampLimit * d * d / 2 : dp * dp / (2 * rampLimit);
        return new PowerEvent(name, new Watts(dp), length, new Watts(dp), new Joules(energy));
    }
}
