using System.Globalization;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// The run at the batch the search chose beside the run at the scenario's own batch (docs/plan.md, "Batch"): the
/// tokens each needs (D(B), docs/search.md "Tokens at a batch") and its expected days with failures (the closed form
/// of the delivered-time ranking, so both sides are read the same way), with the layout that delivers the
/// scenario's batch soonest. <see cref="ReferenceDays"/> is null when no layout found runs at the scenario's batch.
/// </summary>
public sealed record BatchDays(
    int SearchedBatch, double SearchedTokens, double SearchedDays,
    int ReferenceBatch, double ReferenceTokens, double? ReferenceDays, Layout? ReferenceLayout)
{
    /// <summary>Whether the search kept the scenario's batch.</summary>
    public bool Same => SearchedBatch == ReferenceBatch;

    /// <summary>
    /// One line, as the terminal and the report print it. The layout at the scenario's batch is a searched layout
    /// too, so it carries its validity note (its shape only: the chosen layout's note already says the cluster's size).
    /// </summary>
    public string Describe(int seqLen)
    {
        string Batch(int b) => b.ToString("N0", CultureInfo.InvariantCulture);
        string Tokens(double t) => UnitFormat.Number(t / 1e12) + "T tokens";
        if (Same) return $"batch {Batch(SearchedBatch)}, the scenario's: {UnitFormat.Number(SearchedDays)} days expected with failures for {Tokens(SearchedTokens)}";
        string searched = $"batch {Batch(SearchedBatch)} (searched): {UnitFormat.Number(SearchedDays)} days expected with failures for {Tokens(SearchedTokens)}";
        return ReferenceDays is { } d
            ? $"{searched}; at the scenario's batch {Batch(ReferenceBatch)}: {UnitFormat.Number(d)} days for {Tokens(ReferenceTokens)} ({ReferenceLayout} on {ReferenceLayout!.Value.Gpus.ToString("N0", CultureInfo.InvariantCulture)} GPUs{Validity(seqLen)})"
            : $"{searched}; no layout found runs the scenario's batch {Batch(ReferenceBatch)} on this cluster";
    }

    /// <summary>The shape features of the layout at the scenario's batch that lie outside the validated runs.</summary>
    public IReadOnlyList<string> ReferenceOutsideShape(int seqLen) =>
        ReferenceLayout is { } l ? Validation.ValidatedEnvelope.Embedded.OutsideShape(in l, seqLen) : [];

    private string Validity(int seqLen)
    {
        var outside = ReferenceOutsideShape(seqLen);
        return outside.Count == 0 ? "; inside the validated runs" : "; outside the validated runs: " + string.Join("; ", outside);
    }
}
