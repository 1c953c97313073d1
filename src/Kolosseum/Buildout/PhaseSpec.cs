using Kolosseum.Diagnostics;

namespace Kolosseum.Buildout;

/// <summary>
/// One phase of a build-out (site and power, building or conversion, electrical and cooling, a lead
/// time...): how long it takes as a three-point estimate, which phases must finish before it starts
/// (finish-to-start), and where its numbers come from.
/// </summary>
public sealed record PhaseSpec
{
    public required string Name { get; init; }

    /// <summary>What the phase is, in words, for tables and reports.</summary>
    public string? What { get; init; }

    public required DurationEstimate Duration { get; init; }

    /// <summary>Phases that must finish before this one starts.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    public OverrunTail? Tail { get; init; }

    public required string Source { get; init; }

    /// <summary>Where the phase was written (for diagnostics about the phase graph).</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Where each name in <see cref="After"/> was written, in the same order.</summary>
    public IReadOnlyList<SourceLocation> AfterLocations { get; init; } = [];
}

/// <summary>
/// The server ramp: once the phases in <see cref="DeliveriesAfter"/> are done, servers arrive at
/// <see cref="DeliveryRate"/>; once those in <see cref="InstallAfter"/> are done, crews install and
/// cable them at <see cref="InstallRate"/>; each server then spends <see cref="BurnIn"/> and
/// <see cref="Acceptance"/> before it joins training. More servers take longer for a reason:
/// deliveries and installation are rates, not fixed durations.
/// </summary>
public sealed record RampSpec
{
    public IReadOnlyList<string> DeliveriesAfter { get; init; } = [];
    public IReadOnlyList<string> InstallAfter { get; init; } = [];
    public required RateEstimate DeliveryRate { get; init; }
    public required RateEstimate InstallRate { get; init; }
    public required DurationEstimate BurnIn { get; init; }

    /// <summary>Cluster-level acceptance after burn-in; zero when the burn-in soak is the acceptance test.</summary>
    public DurationEstimate Acceptance { get; init; } = DurationEstimate.Zero;

    public required string DeliveryRateSource { get; init; }
    public required string InstallRateSource { get; init; }
    public required string BurnInSource { get; init; }
    public string AcceptanceSource { get; init; } = "";

    public SourceLocation DeliveriesAfterLocation { get; init; }
    public SourceLocation InstallAfterLocation { get; init; }
}
