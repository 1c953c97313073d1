using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>
/// The power of one cluster: every component in every state, the IT totals, and facility power through the PUE.
/// Facility power is IT power x PUE: the cooling overhead is taken to scale with the IT load (docs/power.md).
/// </summary>
public sealed record PowerProfile
{
    public required IReadOnlyList<PowerComponent> Components { get; init; }
    public required double Pue { get; init; }
    public required StepPhases Phases { get; init; }

    /// <summary>Fallbacks and approximations behind these numbers, in words.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public Watts It(PowerState state) => new(Components.Sum(c => c.In(state).Value));

    public Watts Facility(PowerState state) => It(state) * Pue;

    /// <summary>Critical IT capacity: the nameplate sum the site must provision.</summary>
    public Watts ItCapacity => It(PowerState.Nameplate);

    public Watts FacilityCapacity => ItCapacity * Pue;

    /// <summary>Average IT draw over one training step, weighted by the step's phases.</summary>
    public Watts ItStepAverage =>
        It(PowerState.Compute) * Phases.Compute + It(PowerState.Communication) * Phases.Communication + It(PowerState.Stalled) * Phases.Stalled;
}
