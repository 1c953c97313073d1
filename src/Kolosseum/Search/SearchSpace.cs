using Kolosseum.Performance;

namespace Kolosseum.Search;

/// <summary>
/// Which layouts to consider. A null list means "every valid value"; a list fixes the dimension to
/// those values (validate uses this for the layout cells a published run did report).
/// </summary>
public sealed record SearchSpace
{
    public IReadOnlyList<int>? Tp { get; init; }
    public IReadOnlyList<int>? Pp { get; init; }
    public IReadOnlyList<int>? Vpp { get; init; }
    public IReadOnlyList<int>? Dp { get; init; }
    public IReadOnlyList<int>? Cp { get; init; }
    public IReadOnlyList<int>? Ep { get; init; }
    public IReadOnlyList<int>? Zero { get; init; }
    public IReadOnlyList<bool>? SequenceParallel { get; init; }
    public IReadOnlyList<Recompute>? Recompute { get; init; }
    public IReadOnlyList<int>? MicroBatch { get; init; }

    /// <summary>
    /// Tensor-parallel degrees of the routed experts (MoE with tp > 1): null tries both tp (experts split like
    /// the dense layers) and 1 (each expert whole, the expert-parallel group carved out of tp × dp × cp).
    /// </summary>
    public IReadOnlyList<int>? ExpertTp { get; init; }

    /// <summary>Largest virtual-pipeline degree tried when vpp is free.</summary>
    public int MaxVpp { get; init; } = 8;

    /// <summary>Largest context-parallel degree tried when cp is free.</summary>
    public int MaxCp { get; init; } = 32;

    /// <summary>
    /// Layouts may leave GPUs idle (as hot spares) when the cluster size factors badly: at least this
    /// fraction of the GPUs must be used. 1 means every GPU.
    /// </summary>
    public double MinGpuFraction { get; init; } = 0.9;

    /// <summary>
    /// Whether a layout must fit in memory to be ranked. Off only to ask what a configuration would need
    /// (memory metrics of published runs whose configuration did not fit).
    /// </summary>
    public bool RequireFit { get; init; } = true;

    /// <summary>
    /// Most layouts one search may consider. The largest published shapes stay well below it (DeepSeek-V3 on
    /// 8,192 GPUs with a batch of 15,360 holds under 1e8); a model or batch with thousands of divisors can
    /// hold 1e12 and would run for days, so such a search is refused before it starts (docs/hardening.md).
    /// </summary>
    public long MaxCandidates { get; init; } = 200_000_000;

    /// <summary>Most (tp, cp, pp, dp) groups listed before the candidates are counted; bounds the memory of the listing.</summary>
    public int MaxWorkItems { get; init; } = 1_000_000;

    /// <summary>
    /// Whether the global batch may move inside the training spec's [LowestBatch, HighestBatch] so that a layout can
    /// fill the cluster: besides the dp that divide the batch, each (tp, cp, pp) also tries the dp that uses the most
    /// GPUs, at the multiples of it next to the batch (<see cref="TrainingSpec.BatchesNear"/>). Off: the batch is fixed.
    /// </summary>
    public bool FreeBatch { get; init; }

    /// <summary>
    /// Only layouts this admits are evaluated (null: all). <c>--validated-only</c> admits the layouts whose
    /// features all lie inside the validated rows (Validation/ValidatedEnvelope.cs).
    /// </summary>
    public Func<Layout, bool>? Admit { get; init; }

    public static SearchSpace Full { get; } = new();
}
