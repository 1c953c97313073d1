using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Performance;

/// <summary>Activation recomputation: none, the attention core only (Korthikanti's selective), or every layer.</summary>
public enum Recompute
{
    None,
    Selective,
    Full,
}

/// <summary>
/// A parallel layout. GPUs = tp × pp × cp × dp; expert parallelism is carved out of the dp × cp ranks
/// (Megatron-Core convention), so it does not multiply the GPU count. A value type: the search builds
/// millions of these without allocating.
/// </summary>
public readonly record struct Layout(
    int Tp,
    int Pp,
    int Vpp,
    int Dp,
    int Cp,
    int Ep,
    int Zero,
    bool SequenceParallel,
    Recompute Recompute,
    int MicroBatch)
{
    /// <summary>
    /// Tensor-parallel degree of the routed experts (Megatron-Core's expert_tensor_parallel_size); 0 means the
    /// same as <see cref="Tp"/>. With 1 ("EP without TP") each expert runs whole on one GPU and the expert-parallel
    /// group is carved out of tp × dp × cp ranks (Megatron-Core's MoE parallel folding) instead of dp × cp.
    /// </summary>
    public int ExpertTp { get; init; }

    /// <summary>The routed experts' tensor-parallel degree as used: <see cref="ExpertTp"/> or, when 0, <see cref="Tp"/>.</summary>
    public int Etp => ExpertTp == 0 ? Tp : ExpertTp;

    /// <summary>Ranks the expert-parallel group is carved out of: the expert grid is etp × ep × edp = tp × dp × cp.</summary>
    public long ExpertRanks => (long)Tp * Dp * Cp / Etp;

    public long Gpus => (long)Tp * Pp * Cp * Dp;

    /// <summary>Sequences each data-parallel replica processes per optimizer step.</summary>
    public int PerReplicaBatch(int globalBatch) => globalBatch / Dp;

    /// <summary>Micro-batches per step per pipeline (gradient accumulation steps).</summary>
    public int MicroBatches(int globalBatch) => globalBatch / (Dp * MicroBatch);

    public override string ToString() =>
        $"tp={Tp.Inv()} pp={Pp.Inv()} vpp={Vpp.Inv()} dp={Dp.Inv()} cp={Cp.Inv()} ep={Ep.Inv()} zero={Zero.Inv()} sp={(SequenceParallel ? "on" : "off")} recompute={Recompute.Name()} mb={MicroBatch.Inv()}" + (Etp != Tp ? $" etp={Etp.Inv()}" : "");
}
