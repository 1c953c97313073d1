using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Reliability;

/// <summary>
/// Published straggler facts (Lin et al., OSDI 2025): the share of jobs at least <see cref="SlowThreshold"/>
/// slower, and two tail points (share of jobs that waste at least a given share of their GPU-hours).
/// <see cref="StragglerModel"/> fits a distribution to them.
/// </summary>
public sealed record StragglerFacts
{
    public required double SlowJobFraction { get; init; }

    /// <summary>Slowdown that makes a job "slow": 0.10 means at least 10% slower.</summary>
    public required double SlowThreshold { get; init; }

    public required double HeavyJobFraction { get; init; }
    public required double HeavyWaste { get; init; }
    public required double ExtremeJobFraction { get; init; }
    public required double ExtremeWaste { get; init; }
}

/// <summary>
/// Catalog kind <c>reliability</c>: every default of the reliability model (restart components,
/// checkpoint costs, spares, stragglers, Monte-Carlo settings), each with its source.
/// </summary>
public sealed record ReliabilityProfile : ICatalogItem<ReliabilityProfile>
{
    public static string Kind => "reliability";

    public const string DefaultId = "default";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> FailureRates { get; init; }
    public required FailureDistribution Distribution { get; init; }
    public required double WeibullShape { get; init; }
    public required Duration Detection { get; init; }
    public required Duration Rescheduling { get; init; }
    public required Duration ProcessGroupInitBase { get; init; }
    public required Duration ProcessGroupInitPerNode { get; init; }
    public required Duration Warmup { get; init; }

    /// <summary>Null: the Young/Daly optimum.</summary>
    public required Duration? CheckpointInterval { get; init; }

    public required CheckpointMode CheckpointMode { get; init; }
    public required double CheckpointBytesPerParameter { get; init; }
    /// <summary>Fixed cost of every checkpoint to storage (collect, plan and stage the state), sync and async alike.</summary>
    public required Duration CheckpointStagingOverhead { get; init; }
    public required BytesPerSecond HostCopyBandwidth { get; init; }
    public required string Storage { get; init; }

    /// <summary>Null: sized from <see cref="StorageReadPerGpu"/>.</summary>
    public required int? StorageUnits { get; init; }

    public required BytesPerSecond StorageReadPerGpu { get; init; }

    /// <summary>Hot spare nodes as a fraction of the job's nodes.</summary>
    public required double Spares { get; init; }

    public required SparePolicy WhenSparesRunOut { get; init; }
    public required Duration RepairTimeMedian { get; init; }
    public required Duration RepairTimeP90 { get; init; }
    public required int LeafSwitchDownPorts { get; init; }
    public required bool Stragglers { get; init; }
    public required StragglerFacts Straggler { get; init; }
    public required int Trials { get; init; }
    public required ulong Seed { get; init; }

    public const int MaxTrials = 10_000_000;

    public static ReliabilityProfile? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        const double Day = Duration.SecondsPerDay;
        string? name = r.String("name", required: true);
        if (!r.Has("failure_rates")) r.Missing("failure_rates", "e.g. [llama3, llama3-planned]");
        var sets = ReliabilityFields.ReadRateSets(r, "failure_rates", catalog);
        var dist = r.Enum<FailureDistribution>("distribution", required: true);
        double? shape = r.Number("weibull_shape", required: true, min: 0.1, max: 10, rangeHint: "field data gives shapes of 0.5 to 1");
        double? detection = r.Quantity("detection", Dimension.Duration, required: true, min: 0, max: Day);
        double? resched = r.Quantity("rescheduling", Dimension.Duration, required: true, min: 0, max: Day);
        double? initBase = r.Quantity("process_group_init_base", Dimension.Duration, required: true, min: 0, max: Day);
        double? initNode = r.Quantity("process_group_init_per_node", Dimension.Duration, required: true, min: 0, max: 10);
        double? warmup = r.Quantity("warmup", Dimension.Duration, required: true, min: 0, max: Day);
        if (!r.Has("checkpoint_interval")) r.Missing("checkpoint_interval", "auto or a duration");
        bool intervalOk = ReliabilityFields.ReadInterval(r, "checkpoint_interval", out var interval);
        var mode = r.Enum<CheckpointMode>("checkpoint_mode", required: true);
        double? bpp = r.Number("checkpoint_bytes_per_parameter", required: true, min: 0.01, max: 100);
        double? stagingOverhead = r.Quantity("checkpoint_staging_overhead", Dimension.Duration, required: true, min: 0, max: Day);
        double? hostCopy = r.Quantity("host_copy_bandwidth", Dimension.BytesPerSecond, required: true, min: 1e6, max: 1e14);
        string? storage = r.String("storage", required: true);
        if (storage is not null && !catalog.CheckId<StorageSpec>(storage, r.Node("storage")!.Location, r.FieldPath("storage"), r.Diagnostics)) storage = null;
        if (!r.Has("storage_units")) r.Missing("storage_units", "auto or a count");
        bool unitsOk = ReliabilityFields.ReadUnits(r, "storage_units", out var units);
        double? readPerGpu = r.Quantity("storage_read_per_gpu", Dimension.BytesPerSecond, required: true, min: 1, max: 1e13);
        double? spares = r.Quantity("spares", Dimension.Percent, required: true, min: 0, max: 1, rangeHint: "between 0 % and 100 % of the job's nodes");
        var policy = r.Enum<SparePolicy>("when_spares_run_out", required: true);
        double? repairMedian = r.Quantity("repair_time_median", Dimension.Duration, required: true, min: 60, max: 365 * Day);
        double? repairP90 = r.Quantity("repair_time_p90", Dimension.Duration, required: true, min: 60, max: 3650 * Day);
        int? leafPorts = r.Int("leaf_switch_down_ports", required: true, min: 1, max: 100_000);
        bool? stragglers = r.Bool("stragglers", required: true);
        var straggler = ReadStraggler(r);
        int? trials = r.Int("trials", required: true, min: 1, max: MaxTrials);
        long? seed = r.Integer("seed", required: true, min: 0, max: QuantityParser.MaxExactInteger);

        if (repairMedian is not null && repairP90 is not null && repairP90 <= repairMedian)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Node("repair_time_p90")!.Location, r.FieldPath("repair_time_p90"),
                new Duration(repairP90.Value).ToString(), $"must exceed the median repair time ({new Duration(repairMedian.Value)})", "a P90 above the median, e.g. 7 d for a 2 d median");
            repairP90 = null;
        }
        if (name is null || sets is null || dist is null || shape is null || detection is null || resched is null || initBase is null || initNode is null
            || warmup is null || !intervalOk || mode is null || bpp is null || stagingOverhead is null || hostCopy is null || storage is null || !unitsOk
            || readPerGpu is null || spares is null || policy is null || repairMedian is null || repairP90 is null || leafPorts is null || stragglers is null
            || straggler is null || trials is null || seed is null)
            return null;
        return new ReliabilityProfile
        {
            Id = entry.Id, Name = name, FailureRates = sets, Distribution = dist.Value, WeibullShape = shape.Value,
            Detection = new Duration(detection.Value), Rescheduling = new Duration(resched.Value), ProcessGroupInitBase = new Duration(initBase.Value),
            ProcessGroupInitPerNode = new Duration(initNode.Value), Warmup = new Duration(warmup.Value), CheckpointInterval = interval,
            CheckpointMode = mode.Value, CheckpointBytesPerParameter = bpp.Value, CheckpointStagingOverhead = new Duration(stagingOverhead.Value),
            HostCopyBandwidth = new BytesPerSecond(hostCopy.Value), Storage = storage, StorageUnits = units, StorageReadPerGpu = new BytesPerSecond(readPerGpu.Value),
            Spares = spares.Value, WhenSparesRunOut = policy.Value, RepairTimeMedian = new Duration(repairMedian.Value), RepairTimeP90 = new Duration(repairP90.Value),
            LeafSwitchDownPorts = leafPorts.Value, Stragglers = stragglers.Value, Straggler = straggler, Trials = trials.Value, Seed = (ulong)seed.Value,
        };
    }

    private static StragglerFacts? ReadStraggler(FieldReader r)
    {
        var s = r.Map("straggler", required: true);
        if (s is null) return null;
        double? slow = s.Number("slow_job_fraction", required: true, min: 1e-6, max: 1);
        double? threshold = s.Quantity("slow_threshold", Dimension.Percent, required: true, min: 1e-6, max: 10, rangeHint: "e.g. 10 % slower");
        double? heavy = s.Number("heavy_job_fraction", required: true, min: 1e-9, max: 1);
        double? heavyWaste = s.Quantity("heavy_waste", Dimension.Percent, required: true, min: 1e-6, max: 0.999);
        double? extreme = s.Number("extreme_job_fraction", required: true, min: 1e-12, max: 1);
        double? extremeWaste = s.Quantity("extreme_waste", Dimension.Percent, required: true, min: 1e-6, max: 0.999);
        s.Finish();
        if (slow is null || threshold is null || heavy is null || heavyWaste is null || extreme is null || extremeWaste is null) return null;
        // The fit needs a decreasing tail: fewer jobs as the waste grows, each above the slow threshold.
        double thresholdWaste = 1 - 1 / (1 + threshold.Value);
        string? problem = !(heavy < slow) ? $"heavy_job_fraction ({heavy.Value.Inv()}) must be below slow_job_fraction ({slow.Value.Inv()})"
            : !(extreme < heavy) ? $"extreme_job_fraction ({extreme.Value.Inv()}) must be below heavy_job_fraction ({heavy.Value.Inv()})"
            : !(heavyWaste > thresholdWaste) ? $"heavy_waste must exceed the waste of a job at the slow threshold ({thresholdWaste.Inv("0.###")})"
            : !(extremeWaste > heavyWaste) ? "extreme_waste must exceed heavy_waste"
            : null;
        if (problem is not null)
        {
            s.Diagnostics.Error(DiagnosticCodes.Inconsistent, s.Location, s.Path, null, problem, "the tail points must describe fewer jobs at larger waste");
            return null;
        }
        return new StragglerFacts
        {
            SlowJobFraction = slow.Value, SlowThreshold = threshold.Value, HeavyJobFraction = heavy.Value, HeavyWaste = heavyWaste.Value,
            ExtremeJobFraction = extreme.Value, ExtremeWaste = extremeWaste.Value,
        };
    }
}
