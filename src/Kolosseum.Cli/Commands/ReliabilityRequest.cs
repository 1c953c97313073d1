using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// A validated <c>kolosseum reliability</c> request: the job, the settings and the run options, from a
/// scenario (its first option, or --option NAME) or from flags, flags overriding the scenario.
/// </summary>
internal sealed record ReliabilityRequest
{
    /// <summary>
    /// Until the performance model supplies a step time, a scenario without --days or --step-time
    /// assumes this MFU (the same stated assumption as <c>plan</c>), echoed in every output.
    /// </summary>
    public const double DefaultAssumedMfu = 0.40;

    public const double MaxDays = 36_525;

    public required ReliabilityJob Job { get; init; }
    public required ReliabilitySettings Settings { get; init; }
    public required Catalog.Catalog Catalog { get; init; }
    public required SimulationOptions Options { get; init; }
    public required string Title { get; init; }
    public required string GpuName { get; init; }

    /// <summary>How the failure-free work was obtained, in words.</summary>
    public required string WorkSource { get; init; }

    public double? AssumedMfu { get; init; }
    public required int TimelineEvents { get; init; }

    public static ReliabilityRequest? Build(ReliabilityFlags flags, DiagnosticBag bag)
    {
        var f = new FlagValues(bag);
        Scenario? scenario = null;
        if (!flags.FromFlags)
        {
            scenario = ScenarioInput.Load(flags.Scenario, bag);
            if (scenario is null) return null;
        }
        var catalog = scenario?.Catalog ?? Kolosseum.Catalog.Catalog.Embedded;
        ClusterOption? option = scenario is null ? null : PickOption(scenario, flags.Option, bag);
        if (scenario is null && flags.Option is not null)
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--option"), "--option", flags.Option, "needs a scenario file", "pass a scenario, or drop --option");

        // What the job runs on.
        GpuSpec? gpu = option?.Gpu;
        if (flags.Gpu is not null) gpu = catalog.CheckId<GpuSpec>(flags.Gpu, SourceLocation.ForFlag("--gpu"), "--gpu", bag) ? catalog.Get<GpuSpec>(flags.Gpu) : null;
        else if (scenario is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpu"), "--gpu", null, "is required with --gpus", "e.g. --gpu H100-SXM-80GB");
        long? gpus = f.Integer("--gpus", flags.Gpus, 1, 10_000_000) ?? option?.Gpus;
        if (gpus is null && flags.Gpus is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpus"), "--gpus", null, "is required with --gpu", "e.g. --gpus 16384 or 100k");
        NodeSpec? node = flags.Node is null && option is not null && (flags.Gpu is null || option.Gpu.Id == gpu?.Id) ? option.Node : null;
        if (flags.Node is not null)
        {
            if (catalog.CheckId<NodeSpec>(flags.Node, SourceLocation.ForFlag("--node"), "--node", bag)) node = catalog.Get<NodeSpec>(flags.Node);
            if (node is not null && gpu is not null && node.GpuId != gpu.Id)
            {
                bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--node"), "--node", flags.Node, $"this node holds {node.GpuId}, not {gpu.Id}",
                    "nodes for this GPU: " + string.Join(", ", catalog.All<NodeSpec>().Where(n => n.GpuId == gpu.Id).Select(n => n.Id)));
                node = null;
            }
        }
        else if (node is null && gpu is not null)
        {
            node = DefaultNode.For(catalog, gpu.Id);
            if (node is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--node"), "--node", null, $"no catalog node holds {gpu.Id}", "add one under catalog: nodes: in a scenario");
        }

        var settings = ApplySettingFlags(flags, scenario?.Sections.Get<ReliabilitySettings>() ?? ReliabilitySettings.Defaults(catalog), catalog, f);
        var model = ReadModel(flags, scenario, catalog, bag);
        var work = ReadWork(flags, scenario, model, gpu, gpus, f, out string workSource, out double? mfu);
        var window = ReliabilityFlagValues.Days(f, "--window", flags.Window, MaxDays);
        if (work.Missing && window is null)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--days"), "--days", null, "the job needs its failure-free length",
                "give --days D, or --step-time with --tokens, --global-batch and --seq, or --window D to simulate a fixed window");
        Bytes? size = null;
        double? sizeFlag = f.Quantity("--checkpoint-size", flags.CheckpointSize, Dimension.Bytes, 1, 1e18);
        if (sizeFlag is not null) size = new Bytes(sizeFlag.Value);
        else if (model is not null && settings is not null) size = ReliabilityJob.CheckpointSizeOf(model, settings.Profile);
        else if (flags.Model is null && flags.CheckpointSize is null)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--model"), "--model", null, "the checkpoint size comes from the model", "give --model M or --checkpoint-size 5.7TB");
        int? trials = f.Int("--trials", flags.Trials, 1, ReliabilityProfile.MaxTrials);
        long? seed = f.Integer("--seed", flags.Seed, 0, QuantityParser.MaxExactInteger);
        int? threads = f.Int("--threads", flags.Threads, 1, 4096);
        int? events = f.Int("--timeline-events", flags.TimelineEvents, 0, 1_000_000);

        if (bag.HasErrors || settings is null || gpu is null || gpus is null || node is null || size is null || work.Invalid) return null;
        var s = settings with { Profile = settings.Profile with { Trials = trials ?? settings.Profile.Trials, Seed = seed is null ? settings.Profile.Seed : (ulong)seed.Value } };
        var job = ReliabilityJob.ForCluster(node, gpus.Value, work.Value, size.Value, s.Profile, work.StepTime, window);
        string title = scenario is null ? $"{gpus.Value.Inv()} x {gpu.Name}" : $"{scenario.Name}: {option!.Name} ({gpus.Value.Inv()} x {gpu.Name})";
        return new ReliabilityRequest
        {
            Job = job, Settings = s, Catalog = catalog, Title = title, GpuName = gpu.Name, WorkSource = workSource, AssumedMfu = mfu,
            // The timeline keeps only the events the JSON shows (at least one, so the count and the end are known).
            Options = SimulationOptions.From(s) with { Threads = threads, TimelineLimit = Math.Max(1, events ?? 100) }, TimelineEvents = events ?? 100,
        };
    }

    private static ClusterOption? PickOption(Scenario scenario, string? name, DiagnosticBag bag)
    {
        if (name is null) return scenario.Options[0];
        var match = scenario.Options.FirstOrDefault(o => o.Name == name);
        if (match is null)
            bag.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag("--option"), "--option", name, "the scenario has no option of that name",
                Suggest.DidYouMean(name, scenario.Options.Select(o => o.Name).ToList()));
        return match;
    }

    private static ModelSpec? ReadModel(ReliabilityFlags flags, Scenario? scenario, Catalog.Catalog catalog, DiagnosticBag bag)
    {
        if (flags.Model is null) return scenario?.Model;
        return catalog.CheckId<ModelSpec>(flags.Model, SourceLocation.ForFlag("--model"), "--model", bag) ? catalog.Get<ModelSpec>(flags.Model) : null;
    }

    private readonly record struct WorkInput(Duration? Value, Duration? StepTime, bool Missing, bool Invalid);

    private static WorkInput ReadWork(ReliabilityFlags flags, Scenario? scenario, ModelSpec? model, GpuSpec? gpu, long? gpus, FlagValues f,
        out string source, out double? assumedMfu)
    {
        assumedMfu = null;
        source = "";
        int before = f.Diagnostics.Count;
        var days = ReliabilityFlagValues.Days(f, "--days", flags.Days, MaxDays);
        double? step = f.Quantity("--step-time", flags.StepTime, Dimension.Duration, 1e-6, Duration.SecondsPerDay);
        long? tokens = f.Integer("--tokens", flags.Tokens, 1, (long)1e17);
        int? batch = f.Int("--global-batch", flags.GlobalBatch, 1, 100_000_000);
        int? seq = f.Int("--seq", flags.Seq, 1, 100_000_000);
        // An MFU of 0 would make the run endless: at least 0.1 %.
        double? mfu = ReliabilityFlagValues.Percent(f, "--mfu", flags.Mfu, 1, min: 0.001);
        bool invalid = f.Diagnostics.Count > before;
        if (days is not null && flags.StepTime is not null)
            f.Diagnostics.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--days"), "--days", flags.Days, "give either --days or --step-time, not both", "remove one of them");
        if (days is not null)
        {
            source = "--days";
            return new WorkInput(days, null, false, invalid);
        }
        if (step is not null)
        {
            double? t = tokens ?? scenario?.Training.Tokens;
            int? b = batch ?? scenario?.Training.GlobalBatch;
            int? s = seq ?? scenario?.Training.SeqLen ?? model?.SeqLen;
            if (t is null) f.Diagnostics.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--tokens"), "--tokens", null, "is required with --step-time", "e.g. --tokens 15T");
            if (b is null) f.Diagnostics.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--global-batch"), "--global-batch", null, "is required with --step-time", "sequences per step, e.g. 2048");
            if (s is null) f.Diagnostics.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--seq"), "--seq", null, "is required with --step-time (or --model)", "e.g. --seq 8192");
            if (t is null || b is null || s is null) return new WorkInput(null, null, false, true);
            double steps = Math.Ceiling(t.Value / ((double)b.Value * s.Value));
            source = $"{steps.Inv("0")} steps of {new Duration(step.Value)}";
            return new WorkInput(new Duration(steps * step.Value), new Duration(step.Value), false, invalid);
        }
        if (flags.Tokens is not null || flags.GlobalBatch is not null || flags.Seq is not null)
            f.Diagnostics.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--step-time"), "--step-time", null, "--tokens, --global-batch and --seq need a step time", "e.g. --step-time 6.5s");
        if (scenario is not null && model is not null && gpu is not null && gpus is not null)
        {
            // Until the performance model gives a step time: training FLOPs at a stated MFU.
            assumedMfu = mfu ?? DefaultAssumedMfu;
            var tr = scenario.Training;
            double flops = WorkloadMath.TrainingFlopsPerToken(model, WorkloadMath.Count(model), tr.SeqLen, causal: false) * tr.Tokens;
            double seconds = flops / (gpu.Peak(tr.Precision).Value * gpus.Value * assumedMfu.Value);
            source = $"training FLOPs at an assumed {(assumedMfu.Value * 100).Inv("0.#")}% MFU";
            if (!(seconds <= MaxDays * Duration.SecondsPerDay))
            {
                f.Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("--mfu"), "--mfu", flags.Mfu, $"the run would take {new Duration(seconds)} of failure-free time, beyond {MaxDays.Inv()} days",
                    "give --days or --step-time, or a larger cluster");
                return new WorkInput(null, null, false, true);
            }
            return new WorkInput(new Duration(seconds), null, false, invalid);
        }
        if (flags.Mfu is not null && scenario is null)
            f.Diagnostics.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--mfu"), "--mfu", flags.Mfu, "needs a scenario (its model and tokens)", "give --days or --step-time instead");
        // A length that was given but is invalid already has its own diagnostic.
        return new WorkInput(null, null, flags.Days is null && flags.StepTime is null, invalid);
    }

    /// <summary>The flags that change settings (over the scenario's or the catalog's), with the same rules as the scenario keys.</summary>
    private static ReliabilitySettings? ApplySettingFlags(ReliabilityFlags flags, ReliabilitySettings baseline, Catalog.Catalog catalog, FlagValues f)
    {
        int before = f.Diagnostics.Count;
        var s = baseline;
        if (flags.Profile is not null)
        {
            if (!catalog.CheckId<ReliabilityProfile>(flags.Profile, SourceLocation.ForFlag("--profile"), "--profile", f.Diagnostics)) return null;
            s = ReliabilitySettings.Defaults(catalog, flags.Profile);
        }
        var p = s.Profile;
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        void Given(string key, string? text)
        {
            if (text is not null) flagged.Add(key);
        }
        Given("profile", flags.Profile);
        Given("failure_rates", flags.FailureRates);
        Given("distribution", flags.Distribution);
        Given("checkpoint_interval", flags.CheckpointInterval);
        Given("checkpoint_mode", flags.CheckpointMode);
        Given("storage", flags.Storage);
        Given("storage_units", flags.StorageUnits);
        Given("spares", flags.Spares);
        Given("when_spares_run_out", flags.WhenSparesRunOut);
        Given("stragglers", flags.Stragglers);
        Given("trials", flags.Trials);
        Given("seed", flags.Seed);
        var rates = ReliabilityFlagValues.RateSets(f, "--failure-rates", flags.FailureRates, catalog);
        var dist = f.Enum<FailureDistribution>("--distribution", flags.Distribution);
        ReliabilityFlagValues.AutoOr(flags.CheckpointInterval, () => f.Quantity("--checkpoint-interval", flags.CheckpointInterval, Dimension.Duration, 1, Duration.SecondsPerYear),
            out double? interval, out bool intervalGiven);
        var mode = f.Enum<CheckpointMode>("--checkpoint-mode", flags.CheckpointMode);
        string? storage = flags.Storage;
        if (storage is not null && !catalog.CheckId<StorageSpec>(storage, SourceLocation.ForFlag("--storage"), "--storage", f.Diagnostics)) storage = null;
        ReliabilityFlagValues.AutoOr(flags.StorageUnits, () => f.Int("--storage-units", flags.StorageUnits, 1, 10_000_000), out int? units, out bool unitsGiven);
        double? spares = ReliabilityFlagValues.Percent(f, "--spares", flags.Spares, 1);
        var policy = f.Enum<SparePolicy>("--when-spares-run-out", flags.WhenSparesRunOut);
        bool? stragglers = ReliabilityFlagValues.Switch(f, "--stragglers", flags.Stragglers);
        if (f.Diagnostics.Count > before) return null;
        return s with
        {
            Profile = p with
            {
                FailureRates = rates ?? p.FailureRates,
                Distribution = dist ?? p.Distribution,
                CheckpointInterval = intervalGiven ? (interval is null ? null : new Duration(interval.Value)) : p.CheckpointInterval,
                CheckpointMode = mode ?? p.CheckpointMode,
                Storage = storage ?? p.Storage,
                StorageUnits = unitsGiven ? units : p.StorageUnits,
                Spares = spares ?? p.Spares,
                WhenSparesRunOut = policy ?? p.WhenSparesRunOut,
                Stragglers = stragglers ?? p.Stragglers,
            },
            FromCommandLine = flagged,
        };
    }
}
