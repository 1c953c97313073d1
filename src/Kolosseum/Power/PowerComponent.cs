using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>The states a cluster's power is reported in.</summary>
public enum PowerState
{
    /// <summary>Nameplate: what the facility must provision (critical IT capacity).</summary>
    Nameplate,
    /// <summary>Compute-heavy phase of a training step.</summary>
    Compute,
    /// <summary>Communication phase (collectives, pipeline bubbles).</summary>
    Communication,
    /// <summary>Job running but stalled (checkpoint write, restart after a failure).</summary>
    Stalled,
    /// <summary>No job running.</summary>
    Idle,
}

/// <summary>One line of the power breakdown: a kind of part, how many, and its total draw in each state.</summary>
public sealed record PowerComponent(string Name, long Count, Watts Nameplate, Watts Compute, Watts Communication, Watts Stalled, Watts Idle)
{
    public Watts In(PowerState state) => state switch
    {
        PowerState.Nameplate => Nameplate,
        PowerState.Compute => Compute,
        PowerState.Communication => Communication,
        PowerState.Stalled => Stalled,
        _ => Idle,
    };

    /// <summary>A part whose draw does not follow the training step (switches, optics, storage).</summary>
    public static PowerComponent Constant(string name, long count, Watts power) => new(name, count, power, power, power, power, power);
}
