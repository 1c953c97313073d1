namespace Kolosseum.Search;

/// <summary>Why the search set a candidate layout aside. Counted, reported by name in snake_case.</summary>
public enum RejectionReason
{
    /// <summary>tp does not divide the attention heads or the kv heads.</summary>
    TpNotDividingHeads,

    /// <summary>2·cp does not divide the sequence length.</summary>
    CpNotDividingSequence,

    /// <summary>No dp in the allowed GPU range divides the global batch.</summary>
    NoDataParallelDegree,

    /// <summary>ep does not divide the experts or dp × cp.</summary>
    EpNotDividing,

    /// <summary>pp × vpp exceeds the layers, or the micro-batches are not a multiple of pp.</summary>
    VirtualStagesInvalid,

    /// <summary>Sequence parallelism without tensor parallelism.</summary>
    SequenceParallelWithoutTp,

    /// <summary>Evaluated: needs more memory than the GPU has.</summary>
    DoesNotFit,

    /// <summary>Not evaluated: a smaller micro-batch with the same layout already did not fit (memory only grows).</summary>
    PrunedDoesNotFit,

    /// <summary>FP8 asked on a GPU without FP8 tensor cores.</summary>
    PrecisionUnsupported,

    /// <summary>The layout cannot run a batch of the scenario's batch schedule (dp × micro-batch must divide every scheduled batch).</summary>
    ScheduleBatchInvalid,

    /// <summary>Set aside by <see cref="SearchSpace.Admit"/>: with --validated-only, a feature outside the validated rows.</summary>
    OutsideValidated,

    /// <summary>The whole search refused: the space holds more layouts than <see cref="SearchSpace.MaxCandidates"/>.</summary>
    SearchSpaceTooLarge,
}
