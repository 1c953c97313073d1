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
    /// search tries GlobalBatch × 2^k up to this, because a larger cluster needs a larger batch to stay busy.
    /// </summary>
    public int? GlobalBatchMax { get; init; }

    /// <summary>The batches the search may choose from: GlobalBatch doubled up to GlobalBatchMax.</summary>
    public IEnumerable<int> BatchChoices()
    {
        long b = GlobalBatch;
        do
        {
            yield return (int)b;
            b *= 2;
        }
        while (GlobalBatchMax is { } max && b <= max);
    }

    /// <summary>The batch as a title shows it: "2048" or, when the search may grow it, "2048–8192" (sequences).</summary>
    public string BatchRange()
    {
        var choices = BatchChoices().ToList();
        var first = choices[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return choices.Count == 1 ? first : first + "–" + choices[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public required int SeqLen { get; init; }
    public required Precision Precision { get; init; }
    public required AttentionKernel Attention { get; init; }

    /// <summary>Mixture-of-experts dispatch, overlap and routing, and the FP8 recipe.</summary>
    public MoeOptions Moe { get; init; } = MoeOptions.Default;

    public double TokensPerStep => (double)GlobalBatch * SeqLen;
    public double Steps => Tokens / TokensPerStep;
}
