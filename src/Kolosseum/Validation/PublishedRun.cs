using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Validation;

/// <summary>What a published run measured (see src/Kolosseum/Validation/data/README.md).</summary>
public enum RunMetric
{
    StepTimeS,
    TflopsPerGpu,
    Mfu,
    WeightsGradsOptimizerGib,
    ActivationMemoryGib,
}

/// <summary>How the source counted FLOPs for tflops_per_gpu and mfu.</summary>
public enum FlopConvention
{
    /// <summary>Narayanan et al. 2021: 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)), recompute included.</summary>
    MegatronHw,

    /// <summary>Chowdhery et al. 2022: 6·N + 12·l·s·h per token, non-causal, no recompute.</summary>
    PalmModel,
}

/// <summary>
/// One row of a published-runs file: the model, cluster, layout as published (null where not reported)
/// and the measured metric.
/// </summary>
public sealed record PublishedRun
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    public required ModelSpec Model { get; init; }
    public required string GpuId { get; init; }
    public required long Gpus { get; init; }
    public int? Tp { get; init; }
    public int? Pp { get; init; }
    public int? Dp { get; init; }
    public int? Cp { get; init; }
    public int? Ep { get; init; }
    public int? Vpp { get; init; }
    public int? MicroBatch { get; init; }
    public required int GlobalBatch { get; init; }
    public Recompute? Recompute { get; init; }
    public bool? SequenceParallel { get; init; }
    public int? Zero { get; init; }
    public required Precision Precision { get; init; }

    /// <summary>Tensor-parallel degree of the routed experts (optional column `expert_tp`); null: searched.</summary>
    public int? ExpertTp { get; init; }

    /// <summary>MoE dispatcher (optional column `moe_dispatcher`); null: Megatron-Core's default, NCCL all-to-all.</summary>
    public MoeDispatcher? Dispatcher { get; init; }

    /// <summary>Dispatch/combine overlap with computation (optional column `moe_a2a_overlap`); null: off, Megatron-Core's default.</summary>
    public bool? EpOverlap { get; init; }

    /// <summary>Data-parallel communication overlapped with computation (optional column `dp_overlap`); null: on.</summary>
    public bool? DpOverlap { get; init; }

    /// <summary>Input-gradient TP collectives overlapped with the weight-gradient GEMMs (optional column `tp_grad_overlap`); null: on.</summary>
    public bool? TpGradOverlap { get; init; }

    /// <summary>Pipeline sends split over the TP ranks (optional column `pp_scatter_gather`); null: on.</summary>
    public bool? PpScatterGather { get; init; }

    /// <summary>
    /// Back-end (scale-out) bandwidth per GPU, one direction, when the run's nodes are not the catalog's default
    /// for its GPU (optional column `nic_gbps_per_gpu`, Gb/s); null: the default node's NICs.
    /// </summary>
    public double? NicGbpsPerGpu { get; init; }

    /// <summary>Token-drop capacity factor (optional column `moe_capacity_factor`); null: dropless.</summary>
    public double? CapacityFactor { get; init; }

    public Fp8Recipe Fp8Recipe { get; init; } = Fp8Recipe.Tensorwise;

    /// <summary>Attention kernel when the file says (optional column `attention`), else null.</summary>
    public AttentionKernel? Attention { get; init; }

    public required RunMetric Metric { get; init; }
    public required double Value { get; init; }
    public FlopConvention? Convention { get; init; }

    /// <summary>The layout cells that were not reported and must be searched.</summary>
    public IReadOnlyList<string> Unknowns =>
        new (string Name, bool Missing)[]
        {
            ("tp", Tp is null), ("pp", Pp is null), ("dp", Dp is null), ("cp", Cp is null), ("ep", Ep is null), ("vpp", Vpp is null),
            ("micro_batch", MicroBatch is null), ("recompute", Recompute is null), ("sequence_parallel", SequenceParallel is null), ("zero", Zero is null),
            ("expert_tp", Model.IsMoe && ExpertTp is null && Tp is not 1),
        }.Where(x => x.Missing).Select(x => x.Name).ToList();
}
