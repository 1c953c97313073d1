using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Search;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Validation;

/// <summary>
/// Predicts the metric of each published run with the performance model. Unreported layout cells are
/// searched (the fastest valid choice, as the run's engineers would have chosen) and reported as such.
/// The attention kernel, when the file does not give it, follows the schema's recompute taxonomy (Korthikanti
/// et al. 2022): "none" stores the attention scores and "selective" recomputes the attention core, both
/// defined on the standard kernels; full or unknown recompute uses the faster fused flash kernel. When a
/// standard-kernel run cannot fit, the only kernel it could have run with is flash, and that is used (and noted).
/// </summary>
public sealed class RunValidator(Catalog.Catalog catalog, GpuSpec? gpuOverride = null)
{
    /// <summary>
    /// Most layouts the searches of one file may consider together (rows with unreported cells are searched,
    /// some twice): the published file needs 7.4e5; 4 MiB of rows with every layout cell empty would be
    /// over an hour of searching. Counted before any search (<see cref="Prepare"/>), as a plan's searches are.
    /// </summary>
    public const long MaxFileCandidates = 100_000_000;

    /// <summary>A row ready to predict: its GPU, fabric, search space and kernel, and the layouts its searches may consider.</summary>
    public sealed record PreparedRun(PublishedRun Run, GpuSpec Gpu, ClusterNetwork Network, SearchSpace Space, AttentionKernel Kernel, long Candidates);

    /// <summary>A row prepared for its search, or the row's answer already (the reason it cannot be predicted).</summary>
    public sealed record Preparation(PreparedRun? Ready, ValidationRow? Unpredicted)
    {
        public long Candidates => Ready?.Candidates ?? 0;

        public static implicit operator Preparation(PreparedRun ready) => new(ready, null);

        public static implicit operator Preparation(ValidationRow unpredicted) => new(null, unpredicted);
    }

    /// <summary>
    /// The first row at which the searches counted so far exceed <see cref="MaxFileCandidates"/>, with the count
    /// up to it (<see cref="long.MaxValue"/> for a single search beyond a search's own limit); null within the limit.
    /// </summary>
    public static (int Row, long Candidates)? OverWorkLimit(IReadOnlyList<Preparation> rows)
    {
        long total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            // Each count is at most a search's own limit (or MaxValue), so the sum cannot overflow before it stops.
            total = rows[i].Candidates == long.MaxValue ? long.MaxValue : total + rows[i].Candidates;
            if (total > MaxFileCandidates) return (i, total);
        }
        return null;
    }

    public ValidationRow Predict(PublishedRun run) => Predict(Prepare(run));

    public ValidationRow Predict(Preparation p) => p.Ready is { } ready ? Predict(ready) : p.Unpredicted!;

    /// <summary>Everything up to the search: the row's fabric and search space with its size counted, or why it cannot be predicted.</summary>
    public Preparation Prepare(PublishedRun run)
    {
        var gpu = gpuOverride is not null && gpuOverride.Id == run.GpuId ? gpuOverride : catalog.Get<GpuSpec>(run.GpuId);
        var node = DefaultNode.For(catalog, gpu.Id);
        if (node is null) return Unpredicted(run, $"no catalog node holds {gpu.Id}");
        if (!gpu.Supports(run.Precision)) return Unpredicted(run, $"{gpu.Name} has no {run.Precision} tensor cores");
        if (run.Metric is RunMetric.TflopsPerGpu or RunMetric.Mfu && run.Convention is null)
            return Unpredicted(run, "the row gives no flops_convention, so its FLOP count cannot be reproduced");

        // A row names no fabric: the catalog's default for its node, designed once, or the reason there is none.
        var (designed, noFabric) = Fabric.FabricNetwork.TryDefaultNetwork(catalog, gpu, node, run.Gpus);
        if (designed is not { } network)
            return Unpredicted(run, "no network fabric of the catalog defaults carries it: " + noFabric);
        // A run on other nodes than the catalog's (BLOOM's Jean Zay: four 100 Gb/s Omni-Path links per 8 GPUs) keeps
        // the default fabric's shape and carries its own NIC bandwidth per GPU.
        if (run.NicGbpsPerGpu is { } gbps) network = network with { ScaleOutBandwidth = new BytesPerSecond(gbps * 1e9 / 8) };
        // A memory row asks what the configuration needs, whether or not that fits the GPU.
        bool memoryMetric = GroupOf(run.Metric) == "memory";
        var space = SpaceFor(run) with { RequireFit = !memoryMetric };
        // Korthikanti's taxonomy (the schema's): none and selective are defined on the standard kernels.
        AttentionKernel kernel = run.Attention ?? (run.Recompute is Recompute.None or Recompute.Selective ? AttentionKernel.Standard : AttentionKernel.Flash);
        long count = LayoutSearch.CountCandidates(new PerformanceModel(run.Model, Training(run, kernel, MoeOptionsOf(run)), gpu, network), run.Gpus, space);
        // A standard-kernel row that does not fit is searched again with flash attention.
        bool twice = run.Attention is null && kernel == AttentionKernel.Standard;
        long candidates = count == long.MaxValue ? long.MaxValue : twice ? 2 * count : count;
        return new PreparedRun(run, gpu, network, space, kernel, candidates);
    }

    public ValidationRow Predict(PreparedRun prepared)
    {
        var (run, gpu, network, space, kernel, _) = prepared;
        bool searched = run.Unknowns.Count > 0;
        string? note = null;
        var (best, moe) = Best(run, gpu, network, space, kernel);
        if (best is null && run.Attention is null && kernel == AttentionKernel.Standard)
        {
            kernel = AttentionKernel.Flash;
            (best, moe) = Best(run, gpu, network, space, kernel);
            if (best is not null) note = "does not fit with the standard attention kernels: evaluated with flash attention, which never stores the scores";
        }
        if (best is null)
            return Unpredicted(run, BrokenRule(run, kernel) ?? "no valid layout fits in memory with the reported cells");

        var layout = best.Value.Layout;
        var estimate = best.Value.Estimate;
        var model = new PerformanceModel(run.Model, Training(run, kernel, moe), gpu, network);
        double predicted = Metric(run, model, estimate, gpu);
        if (run.Model.IsMoe && (run.Dispatcher is null || run.EpOverlap is null) && layout.Ep > 1)
        {
            string chosen = $"dispatcher or overlap not reported: Megatron-Core's default {EnumNames<MoeDispatcher>.Name(moe.Dispatcher)}{(moe.Overlap ? " overlapped with computation" : " without overlap")}";
            note = note is null ? chosen : note + "; " + chosen;
        }
        var searchedFields = run.Unknowns.ToList();
        if (run.Attention is null) searchedFields.Add("attention");
        return new ValidationRow
        {
            Id = run.Id, Metric = run.Metric, Moe = run.Model.IsMoe, Measured = run.Value, Predicted = predicted, Searched = searched,
            SearchedFields = searchedFields, Layout = layout, Attention = kernel, Estimate = estimate, Note = note,
        };
    }

    /// <summary>
    /// Where every degree is reported and those degrees break a layout rule, the rule (e.g. pp × vpp above the layer
    /// count, which Megatron-Core allows by counting the embedding and loss as pipeline layers): no search can fit
    /// such a row, and saying "does not fit in memory" would send the reader to the wrong cause.
    /// </summary>
    private static string? BrokenRule(PublishedRun run, AttentionKernel kernel)
    {
        if (run is not { Tp: { } tp, Pp: { } pp, Vpp: { } vpp, Dp: { } dp, Cp: { } cp, Ep: { } ep, MicroBatch: { } mb }) return null;
        var layout = new Layout(tp, pp, vpp, dp, cp, ep, run.Zero ?? 1, run.SequenceParallel ?? tp > 1, run.Recompute ?? Recompute.None, mb);
        var broken = LayoutRules.Check(run.Model, Training(run, kernel, MoeOptionsOf(run)), run.Gpus, layout);
        return broken.Count == 0 ? null
            : "the reported layout breaks a rule the model keeps: " + string.Join("; ", broken.Select(b => $"{b.Field} = {b.Value}: {b.Message}"));
    }

    private static ValidationRow Unpredicted(PublishedRun run, string reason) => new()
    {
        Id = run.Id, Metric = run.Metric, Moe = run.Model.IsMoe, Measured = run.Value, Searched = false, Reason = reason,
    };

    private static TrainingSpec Training(PublishedRun run, AttentionKernel kernel, MoeOptions moe) => new()
    {
        Moe = moe,
        DpOverlap = run.DpOverlap ?? true,
        TpGradOverlap = run.TpGradOverlap ?? true,
        PpScatterGather = run.PpScatterGather ?? true,
        // Tokens only scale days to train, which no metric here uses.
        Tokens = (double)run.GlobalBatch * run.Model.SeqLen,
        GlobalBatch = run.GlobalBatch,
        SeqLen = run.Model.SeqLen,
        Precision = run.Precision,
        Attention = kernel,
    };

    private static (RankedLayout? Best, MoeOptions Moe) Best(PublishedRun run, GpuSpec gpu, ClusterNetwork network, SearchSpace space, AttentionKernel kernel)
    {
        var moe = MoeOptionsOf(run);
        var model = new PerformanceModel(run.Model, Training(run, kernel, moe), gpu, network);
        var result = LayoutSearch.Run(model, run.Gpus, space, topK: 1, new SearchOptions { Threads = 1 });
        return (result.Best.Count > 0 ? result.Best[0] : null, moe);
    }

    /// <summary>
    /// The MoE and FP8 execution a row ran with. DeepEP-class dispatch and the all-to-all overlap are opt-in
    /// features of the frameworks: a row that does not report them ran Megatron-Core's defaults (NCCL
    /// all-to-all, no overlap); without a capacity factor it ran dropless.
    /// </summary>
    public static MoeOptions MoeOptionsOf(PublishedRun run) => MoeOptions.Default with
    {
        Dispatcher = run.Dispatcher ?? MoeDispatcher.AllToAll,
        Overlap = run.EpOverlap ?? false,
        CapacityFactor = run.CapacityFactor ?? 0,
        Fp8Recipe = run.Fp8Recipe,
    };

    /// <summary>
    /// Reported cells are fixed; unreported ones are free; a published run uses every one of its GPUs: the rule of
    /// <see cref="PartialLayout"/>, which a scenario's written layout follows too.
    /// </summary>
    private static SearchSpace SpaceFor(PublishedRun run) =>
        new PartialLayout(run.Tp, run.Pp, run.Vpp, run.Dp, run.Cp, run.Ep, run.Zero, run.SequenceParallel, run.Recompute, run.MicroBatch).Space() with
        {
            ExpertTp = run.ExpertTp is { } etp ? [etp] : null,
        };

    /// <summary>Turns a prediction into the row's metric, exactly as the source computed it.</summary>
    public static double Metric(PublishedRun run, PerformanceModel model, in StepEstimate e, GpuSpec gpu)
    {
        var m = run.Model;
        double tokens = (double)run.GlobalBatch * m.SeqLen;
        double flops = run.Convention switch
        {
            FlopConvention.MegatronHw => FlopConventions.MegatronHardware(run.GlobalBatch, m.SeqLen, m.Layers, m.Hidden, m.Vocab),
            FlopConvention.PalmModel => FlopConventions.PalmModel(tokens, model.Counts.MatmulActive, m.Layers, m.SeqLen, (double)m.Heads * m.HeadDim),
            _ => e.ModelFlopsPerStep,
        };
        return run.Metric switch
        {
            RunMetric.StepTimeS => e.StepTime,
            RunMetric.TflopsPerGpu => flops / (e.StepTime * run.Gpus) / 1e12,
            RunMetric.Mfu => flops / (e.StepTime * run.Gpus * gpu.Peak(run.Precision).Value),
            RunMetric.WeightsGradsOptimizerGib => (e.WeightBytes + e.GradientBytes + e.OptimizerBytes) / Bytes.GiBFactor,
            RunMetric.ActivationMemoryGib => e.ActivationBytes / Bytes.GiBFactor,
            _ => double.NaN,
        };
    }

    /// <summary>Throughput and step-time rows form one group, memory rows another.</summary>
    public static string GroupOf(RunMetric metric) => metric is RunMetric.WeightsGradsOptimizerGib or RunMetric.ActivationMemoryGib ? "memory" : "throughput";

    /// <summary>
    /// The summary group of a row: memory rows, and throughput and step-time rows split into dense and
    /// mixture-of-experts models (their targets differ: docs/performance-model.md, "Results").
    /// </summary>
    public static string SummaryGroupOf(ValidationRow row) =>
        GroupOf(row.Metric) == "memory" ? "memory" : row.Moe ? "moe" : "dense";

    private static readonly string[] SummaryOrder = ["dense", "moe", "memory"];

    public static IReadOnlyList<ValidationSummary> Summarize(IReadOnlyList<ValidationRow> rows) =>
        [.. rows.GroupBy(SummaryGroupOf).OrderBy(g => Array.IndexOf(SummaryOrder, g.Key)).Select(g =>
        {
            var errors = g.Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
            return new ValidationSummary(g.Key, g.Count(), g.Count(r => r.Predicted is null),
                errors.Count > 0 ? errors.Average() : double.NaN, errors.Count > 0 ? errors.Max() : double.NaN);
        })];
}
