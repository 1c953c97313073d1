namespace Kolosseum.Planning;

/// <summary>A stage of the plan and how far it got, for progress displays.</summary>
public readonly record struct PlanProgress(string Option, string Stage, double Fraction);

/// <summary>How a plan runs. The seed and trial counts, when given, override the scenario's.</summary>
public sealed record PlanOptions
{
    public ulong? Seed { get; init; }

    /// <summary>Monte-Carlo trials for reliability and build-out (null: the scenario's or catalog defaults).</summary>
    public int? Trials { get; init; }

    /// <summary>Worker threads; null: every core. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>Run the reliability what-if table (a few more simulations per option).</summary>
    public bool WhatIf { get; init; } = true;

    /// <summary>The secondary key of the layout ranking (null: the scenario's <c>search.rank_by</c>).</summary>
    public RankBy? RankBy { get; init; }

    public IProgress<PlanProgress>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }
}
