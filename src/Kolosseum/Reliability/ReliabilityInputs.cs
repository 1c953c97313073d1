using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>The checkpoint interval used, how it was chosen, and the closed-form optima for comparison.</summary>
public sealed record IntervalChoice
{
    public required Duration Value { get; init; }
    public required bool Auto { get; init; }
    public required Duration Young { get; init; }
    public required Duration DalyFirstOrder { get; init; }
    public required Duration Daly { get; init; }

    /// <summary>How <see cref="Value"/> was obtained, in words (echoed in outputs).</summary>
    public required string Rule { get; init; }
}

/// <summary>
/// Everything the simulation needs for one job, resolved from the job, the settings and the catalog:
/// failure causes with their job-level rates, checkpoint and restart costs, the interval, spares and
/// stragglers. Immutable; a what-if is a new one built from changed settings.
/// </summary>
public sealed record ReliabilityInputs
{
    public required ReliabilityJob Job { get; init; }
    public required ReliabilitySettings Settings { get; init; }
    public required FailureModel Failures { get; init; }
    public required CheckpointCost Checkpoint { get; init; }
    public required RestartCost Restart { get; init; }
    public required IntervalChoice Interval { get; init; }
    public required long SpareNodes { get; init; }
    public required RepairTimeModel Repair { get; init; }
    public required StragglerModel Stragglers { get; init; }

    public ReliabilityProfile Profile => Settings.Profile;

    /// <summary>Daly's expected ETTR at the chosen interval (exponential failures, no stragglers or spare waits).</summary>
    public double AnalyticEttr => CheckpointInterval.DalyEttr(Interval.Value, Checkpoint.Blocking, Failures.Mtbi, Restart.Total);

    /// <summary>Kokolis et al.'s first-order ETTR at the chosen interval.</summary>
    public double FirstOrderEttr => CheckpointInterval.FirstOrderEttr(Interval.Value, Checkpoint.Blocking, Failures.Mtbi, Restart.Total);

    public static ReliabilityInputs Build(ReliabilityJob job, ReliabilitySettings settings, Catalog.Catalog catalog)
    {
        var p = settings.Profile;
        var sets = p.FailureRates.ToHashSet(StringComparer.Ordinal);
        var failures = FailureModel.For(job, catalog.All<FailureRate>().Where(f => sets.Contains(f.RateSet)), settings.FailureRateScale);
        var spec = catalog.Get<StorageSpec>(p.Storage);
        var storage = p.StorageUnits is { } u ? new CheckpointStorage(spec, u, AutoSized: false) : CheckpointStorage.Sized(spec, job.Gpus, p.StorageReadPerGpu);
        var checkpoint = CheckpointCost.For(job, p.CheckpointMode, storage, p);
        var restart = RestartCost.For(job, checkpoint, p).Scaled(settings.RestartScale);
        return new ReliabilityInputs
        {
            Job = job,
            Settings = settings,
            Failures = failures,
            Checkpoint = checkpoint,
            Restart = restart,
            Interval = ChooseInterval(job, p.CheckpointInterval, checkpoint, failures.Mtbi, restart.Total),
            SpareNodes = SpareReservation.SpareNodes(job.Nodes, p.Spares),
            Repair = RepairTimeModel.FromMedianAndP90(p.RepairTimeMedian, p.RepairTimeP90),
            Stragglers = p.Stragglers ? StragglerModel.Fit(p.Straggler, enabled: true) : StragglerModel.Off,
        };
    }

    private static IntervalChoice ChooseInterval(ReliabilityJob job, Duration? fixedInterval, CheckpointCost c, Duration mtbi, Duration restart)
    {
        var young = CheckpointInterval.Young(c.Blocking, mtbi);
        var dalyFirst = CheckpointInterval.DalyFirstOrder(c.Blocking, mtbi, restart);
        var daly = CheckpointInterval.Daly(c.Blocking, mtbi);
        double tau;
        var rule = new List<string>();
        if (fixedInterval is { } f)
        {
            tau = f.Seconds;
            rule.Add("as given");
        }
        else
        {
            tau = daly.Seconds;
            rule.Add("Daly's higher-order optimum");
            if (c.Mode == CheckpointMode.Async && tau < c.PersistTime.Seconds)
            {
                // A shorter interval would stall on the previous background write.
                tau = c.PersistTime.Seconds;
                rule.Add("raised to the background write time");
            }
        }
        if (!(tau <= ReliabilityFields.MaxInterval))
        {
            tau = ReliabilityFields.MaxInterval;
            rule.Add("capped at one year (no failures expected)");
        }
        if (job.StepTime is { } step && step.Seconds > 0)
        {
            double steps = Math.Max(1, Math.Ceiling(tau / step.Seconds - 1e-9));
            tau = steps * step.Seconds;
            rule.Add($"rounded up to whole steps ({steps.Inv("0")})");
        }
        return new IntervalChoice
        {
            Value = new Duration(tau), Auto = fixedInterval is null, Young = young, DalyFirstOrder = dalyFirst, Daly = daly, Rule = string.Join(", ", rule),
        };
    }
}
