using Kolosseum.Hardware;

namespace Kolosseum.Performance;

/// <summary>What one training run does: how many tokens, in which batches, at which precision.</summary>
public sealed record TrainingSpec
{
    /// <summary>Tokens to train on.</summary>
    public required double Tokens { get; init; }

    /// <summary>Sequences per optimizer step.</summary>
    public required int GlobalBatch { get; init; }

    /// <summary>
    /// The largest batch the run may use (sequences); null means exactly <see cref="GlobalBatch"/>. The plan's
    /// search tries GlobalBatch × 2^k up to this, because a larger cluster needs a larger batch to stay busy, and
    /// near each of those any multiple of a layout's dp (docs/search.md, "Global batch").
    /// </summary>
    public int? GlobalBatchMax { get; init; }

    /// <summary>The smallest batch the search may use (sequences); null means the scenario's batch (<see cref="ReferenceBatch"/>).</summary>
    public int? GlobalBatchMin { get; init; }

    /// <summary>The scenario's own batch (sequences), which stays when the search moves <see cref="GlobalBatch"/>; null: GlobalBatch.</summary>
    public int? ReferenceBatch { get; init; }

    /// <summary>The scenario's batch: the one its token budget and the side-by-side days are read at.</summary>
    public int Reference => ReferenceBatch ?? GlobalBatch;

    /// <summary>The smallest batch the search may choose (sequences).</summary>
    public int LowestBatch => Math.Min(GlobalBatchMin ?? Reference, Reference);

    /// <summary>The largest batch the search may choose (sequences).</summary>
    public int HighestBatch => Math.Max(GlobalBatchMax ?? Reference, Reference);

    /// <summary>The batches the search anchors on: the scenario's batch doubled up to GlobalBatchMax.</summary>
    public IEnumerable<int> BatchChoices()
    {
        long b = Reference;
        do
        {
            yield return (int)b;
            b *= 2;
        }
        while (GlobalBatchMax is { } max && b <= max);
    }

    /// <summary>
    /// The batches a layout with <paramref name="dp"/> replicas may use near this spec's batch: the largest multiple of
    /// dp at or below it and the smallest above it, each inside [LowestBatch, HighestBatch]; just the batch when dp divides it.
    /// A bounded choice (at most two) rather than every multiple, so the search stays as fast as with a fixed batch.
    /// </summary>
    public IEnumerable<int> BatchesNear(int dp)
    {
        if (dp < 1) yield break;
        if (GlobalBatch % dp == 0)
        {
            yield return GlobalBatch;
            yield break;
        }
        long below = (long)GlobalBatch / dp * dp, above = below + dp;
        if (below >= LowestBatch && below >= 1) yield return (int)below;
        if (above <= HighestBatch) yield return (int)above;
    }

    /// <summary>The same run at another batch (the scenario's batch and range stay).</summary>
    public TrainingSpec AtBatch(int batch) => batch == GlobalBatch ? this : this with { GlobalBatch = batch, ReferenceBatch = Reference };

    /// <summary>The batch as a title shows it: "2048" or, when the search may move it, "2048–8192" (sequences).</summary>
    public string BatchRange()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return LowestBatch == HighestBatch ? Reference.ToString(inv) : LowestBatch.ToString(inv) + "–" + HighestBatch.ToString(inv);
    }

    public required int SeqLen { get; init; }
    public required Precision Precision { get; init; }
    public required AttentionKernel Attention { get; init; }

    public double TokensPerStep => (double)GlobalBatch * SeqLen;
    public double Steps => Tokens / TokensPerStep;
}
