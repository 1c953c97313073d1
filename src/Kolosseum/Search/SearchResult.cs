using Kolosseum.Units;

namespace Kolosseum.Search;

/// <summary>What a search found: the best layouts, the GPUs-vs-time Pareto front and why the rest lost.</summary>
public sealed record SearchResult
{
    public required long ClusterGpus { get; init; }
    public required long Evaluated { get; init; }
    public required long Feasible { get; init; }
    public required IReadOnlyDictionary<RejectionReason, long> Rejected { get; init; }

    /// <summary>Fastest first (time to train), ties broken by fewer GPUs, then by the layout's degrees.</summary>
    public required IReadOnlyList<RankedLayout> Best { get; init; }

    /// <summary>Layouts no other layout beats on both GPUs used and time to train, fewest GPUs first.</summary>
    public required IReadOnlyList<RankedLayout> Pareto { get; init; }

    /// <summary>Layouts the space held before evaluation (long.MaxValue: more than the space's limit).</summary>
    public long Candidates { get; init; }

    /// <summary>Whether the search was refused for the size of its space (nothing was evaluated).</summary>
    public bool TooLarge => Rejected.ContainsKey(RejectionReason.SearchSpaceTooLarge);

    public required Duration Elapsed { get; init; }
    public required int Threads { get; init; }

    public double LayoutsPerSecond => Elapsed.Seconds > 0 ? Evaluated / Elapsed.Seconds : 0;

    public long Rejections => Rejected.Values.Sum();
}

/// <summary>How the search runs (not what it searches).</summary>
public sealed record SearchOptions
{
    /// <summary>Worker threads; null means every core. The result does not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>Fraction of the work done, reported now and then from worker threads.</summary>
    public IProgress<double>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }
}
