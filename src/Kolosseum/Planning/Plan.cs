using Kolosseum.Scenarios;

namespace Kolosseum.Planning;

/// <summary>The whole answer for a scenario: every option planned, compared, and the answer in words.</summary>
public sealed record Plan
{
    public required Scenario Scenario { get; init; }
    public required ulong Seed { get; init; }

    /// <summary>Monte-Carlo trials given for this plan (--trials); null when the scenario's and the defaults were used.</summary>
    public int? Trials { get; init; }
    public required IReadOnlyList<OptionPlan> Options { get; init; }
    public required IReadOnlyList<InfeasibleOption> Infeasible { get; init; }
    public required Comparison Comparison { get; init; }
    public required string Answer { get; init; }
}
