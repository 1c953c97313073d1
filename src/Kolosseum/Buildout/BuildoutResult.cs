using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>One phase over all trials: its sampled duration, when it finishes, and how often it set the full-capacity date.</summary>
public sealed record PhaseOutcome(
    string Name,
    string? What,
    IReadOnlyList<string> After,
    DurationEstimate Estimate,
    string Source,
    DurationPercentiles Duration,
    DurationPercentiles Finish,
    double Criticality);

/// <summary>A step of the server ramp (deliveries, installation, burn-in, acceptance): how long it takes for the whole cluster.</summary>
public sealed record RampStageOutcome(
    string Name,
    string Estimate,
    string Source,
    DurationPercentiles Duration,
    double Criticality);

/// <summary>When a capacity is online: time since the start and the calendar date, P10/P50/P90.</summary>
public sealed record Milestone(long Gpus, DurationPercentiles SinceStart, DatePercentiles Date);

/// <summary>GPUs online at the end of a week: P10 (pessimistic: 90 % of trials have at least this many), P50, P90.</summary>
public sealed record CapacityWeek(int Week, DateOnly Date, long P10, long P50, long P90);

/// <summary>
/// What the build-out Monte-Carlo found for one cluster option: phase and ramp statistics, the
/// first-training and full-capacity milestones, the weekly capacity bands, and — for the plan, which
/// may start training on partial capacity — the time to reach any GPU count (<see cref="TimeToReach"/>).
/// </summary>
public sealed class BuildoutResult
{
    private readonly RampTrial[] _trials;
    private readonly double _servers;

    internal BuildoutResult(BuildoutModel model, BuildoutRunOptions options, RampTrial[] trials, IReadOnlyList<PhaseOutcome> phases,
        IReadOnlyList<RampStageOutcome> rampStages, IReadOnlyList<CapacityWeek> weekly)
    {
        Model = model;
        Options = options;
        _trials = trials;
        _servers = model.Servers;
        Phases = phases;
        RampStages = rampStages;
        Weekly = weekly;
        FirstTraining = TimeToReach(model.FirstTrainingGpus);
        FullCapacity = TimeToReach(model.Gpus);
    }

    public BuildoutModel Model { get; }
    public BuildoutRunOptions Options { get; }
    public IReadOnlyList<PhaseOutcome> Phases { get; }

    /// <summary>Empty when the model has no ramp (renting).</summary>
    public IReadOnlyList<RampStageOutcome> RampStages { get; }

    public Milestone FirstTraining { get; }
    public Milestone FullCapacity { get; }

    /// <summary>Week 0 (the start) to the first week at which even the P10 band has the whole cluster.</summary>
    public IReadOnlyList<CapacityWeek> Weekly { get; }

    /// <summary>
    /// When at least <paramref name="gpus"/> GPUs have passed burn-in and acceptance (whole servers:
    /// the count is rounded up to full servers), P10/P50/P90 over the trials.
    /// </summary>
    public Milestone TimeToReach(long gpus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gpus, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gpus, Model.Gpus);
        double servers = Math.Ceiling((double)gpus / Model.GpusPerServer);
        var times = new double[_trials.Length];
        for (int i = 0; i < times.Length; i++) times[i] = _trials[i].TimeToReach(servers);
        var d = Quantiles.Durations(times);
        return new Milestone(gpus, d, new DatePercentiles(DateAt(d.P10), DateAt(d.P50), DateAt(d.P90)));
    }

    /// <summary>GPUs online <paramref name="sinceStart"/> after the start: P10 (pessimistic), P50, P90.</summary>
    public (long P10, long P50, long P90) CapacityAt(Duration sinceStart)
    {
        var gpus = new double[_trials.Length];
        for (int i = 0; i < gpus.Length; i++) gpus[i] = Gpus(_trials[i].ServersAt(sinceStart.Seconds, _servers));
        var (a, b, c) = Quantiles.Of(gpus);
        return ((long)a, (long)b, (long)c);
    }

    public DateOnly DateAt(Duration sinceStart) => BuildoutFormat.DateAt(Model.Start, sinceStart);

    internal double Gpus(double servers) => Math.Min(Model.Gpus, Math.Floor(servers + 1e-9) * Model.GpusPerServer);
}
