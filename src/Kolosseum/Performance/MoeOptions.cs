namespace Kolosseum.Performance;

/// <summary>How a mixture-of-experts layer exchanges tokens between expert-parallel ranks.</summary>
public enum MoeDispatcher
{
    /// <summary>
    /// NCCL all-to-all (Megatron-Core's "alltoall" dispatcher): every routed copy of a token travels on its
    /// own, in 16-bit, at the network's collective efficiency.
    /// </summary>
    AllToAll,

    /// <summary>
    /// DeepEP-class kernels (DeepSeek's DeepEP, NVIDIA's HybridEP; Megatron-Core's "flex" dispatcher): a
    /// token crosses the network once per destination node and is forwarded inside the node over NVLink,
    /// dispatch may travel in FP8, and the kernels reach their measured bandwidths.
    /// </summary>
    DeepEp,
}

/// <summary>FP8 scaling recipes (Transformer Engine; DeepSeek-V3 Sec 3.3).</summary>
public enum Fp8Recipe
{
    /// <summary>One scale per tensor (delayed or current scaling): the recipe the calibrated FP8 rows ran.</summary>
    Tensorwise,

    /// <summary>1×128 activation tiles and 128×128 weight blocks (DeepSeek-V3; Hopper via CUTLASS/DeepGEMM).</summary>
    Blockwise,

    /// <summary>MXFP8: one E8M0 scale per 32 elements, applied by Blackwell tensor cores in hardware.</summary>
    Mxfp8,
}

/// <summary>
/// Mixture-of-experts and FP8 execution choices of a training run (docs/performance-model.md, "Mixture of
/// experts"). Defaults describe plain Megatron-Core: NCCL all-to-all, no overlap, dropless balanced routing.
/// </summary>
public sealed record MoeOptions
{
    public static MoeOptions Default { get; } = new();

    public MoeDispatcher Dispatcher { get; init; } = MoeDispatcher.AllToAll;

    /// <summary>
    /// Whether dispatch and combine of one micro-batch overlap the computation of another (DeepSeek's
    /// DualPipe; Megatron-Core's 1F1B all-to-all overlap, overlap_moe_expert_parallel_comm).
    /// </summary>
    public bool Overlap { get; init; }

    /// <summary>
    /// Token-drop routing pads every expert's input to capacity factor × its balanced share (Megatron-Core
    /// moe_expert_capacity_factor with moe_pad_expert_input_to_capacity); 0 means dropless.
    /// </summary>
    public double CapacityFactor { get; init; }

    /// <summary>
    /// Dropless routing: tokens on the busiest expert-parallel rank over the balanced share. 1 = balanced, as
    /// the published benchmark tables force ("we force-balance the token distribution among experts").
    /// </summary>
    public double Imbalance { get; init; } = 1;

    public Fp8Recipe Fp8Recipe { get; init; } = Fp8Recipe.Tensorwise;

    /// <summary>Work of the busiest expert over the balanced share: the capacity when tokens are dropped and padded, else the imbalance.</summary>
    public double LoadFactor => CapacityFactor > 0 ? CapacityFactor : Imbalance;
}
