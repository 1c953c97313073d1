using Kolosseum.Reliability.Simulation;
using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>How a Monte-Carlo run is done; the result does not depend on <see cref="Threads"/>.</summary>
public sealed record SimulationOptions
{
    public int Trials { get; init; } = 1000;
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>The trial whose event timeline is returned; -1 for none.</summary>
    public long TimelineTrial { get; init; }

    /// <summary>
    /// Most events of that trial kept (the first ones); the memory of the timeline is bounded by this, not by
    /// the length of the run. The count of all events and the end of the trial are kept whatever the limit.
    /// </summary>
    public int TimelineLimit { get; init; } = DefaultTimelineLimit;

    public const int DefaultTimelineLimit = 10_000;

    /// <summary>Called from worker threads with (trials done, trials in all).</summary>
    public Action<long, long>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Trials and seed from the settings (catalog defaults or the scenario).</summary>
    public static SimulationOptions From(ReliabilitySettings settings) => new() { Trials = settings.Profile.Trials, Seed = settings.Profile.Seed };
}

/// <summary>Mean, spread and percentiles of one outcome over the trials.</summary>
public sealed record Summary(double Mean, double StdDev, double StandardError, double P10, double P50, double P90, double Min, double Max);

/// <summary>How often one cause interrupted the job, per trial, and its expected rate.</summary>
public sealed record CauseSummary(string Key, string Component, FailureCategory Category, bool Planned, bool NeedsSpare, double MeanPerTrial, double Share, double ExpectedPerDay);

/// <summary>Mean GPU-hours per run that did not train, by reason.</summary>
public sealed record GpuHoursLost(
    double LostWork, double Restart, double WaitingForSpares, double Checkpoint, double Stragglers, double RunningSmaller, double PlannedStops)
{
    public double Total => LostWork + Restart + WaitingForSpares + Checkpoint + Stragglers + RunningSmaller + PlannedStops;
}

/// <summary>The outcome of a reliability simulation of one job.</summary>
public sealed record ReliabilityResult
{
    public required ReliabilityInputs Inputs { get; init; }
    public required int Trials { get; init; }
    public required ulong Seed { get; init; }

    /// <summary>Trials that finished the work (all of them unless a window cut them short or a trial gave up).</summary>
    public required long Finished { get; init; }

    /// <summary>Trials abandoned after 100 times their failure-free time.</summary>
    public required long GaveUp { get; init; }

    /// <summary>Wall-clock days until the end (the end of the work, or of the window).</summary>
    public required Summary Days { get; init; }

    public required Summary Ettr { get; init; }

    /// <summary>Failure-free time / wall time: ETTR further reduced by stragglers and by running smaller.</summary>
    public required Summary Goodput { get; init; }

    public required Summary Interruptions { get; init; }
    public required double PlannedStopsMean { get; init; }
    public required IReadOnlyList<CauseSummary> Causes { get; init; }
    public required GpuHoursLost Lost { get; init; }
    public required double UsefulGpuHours { get; init; }
    public required double TotalGpuHours { get; init; }
    public required double SparesUsedMean { get; init; }
    public required double WaitsForSparesMean { get; init; }
    public required double WorkDoneDaysMean { get; init; }
    public required long TimelineTrial { get; init; }
    /// <summary>The first events of the timeline trial (at most <see cref="SimulationOptions.TimelineLimit"/>).</summary>
    public required IReadOnlyList<TimelineEvent> Timeline { get; init; }

    /// <summary>Events of the timeline trial in all, kept or not.</summary>
    public long TimelineEvents { get; init; }

    /// <summary>When the timeline trial ended; null when no timeline was asked for.</summary>
    public Units.Duration? TimelineEnd { get; init; }

    /// <summary>
    /// ETTR of each of the first <see cref="ReliabilitySimulator.SampleLimit"/> trials, by trial index: the
    /// distribution behind <see cref="Ettr"/>, for histograms (the percentiles are over all trials).
    /// </summary>
    public IReadOnlyList<double> EttrSamples { get; init; } = [];

    /// <summary>Wall-clock days of the same trials as <see cref="EttrSamples"/>.</summary>
    public IReadOnlyList<double> DaysSamples { get; init; } = [];

    /// <summary>A hash of every trial's event trace, combined independently of order: equal digests, equal runs.</summary>
    public required ulong TraceDigest { get; init; }

    public required Duration Elapsed { get; init; }

    /// <summary>Set when the run cannot finish in useful time (then nothing was simulated).</summary>
    public string? Infeasible { get; init; }

    /// <summary>Mean time between unexpected interruptions seen in the simulation (mean wall time / mean count).</summary>
    public double SimulatedMtbiHours => Interruptions.Mean > 0 ? Days.Mean * 24 / Interruptions.Mean : double.PositiveInfinity;
}
