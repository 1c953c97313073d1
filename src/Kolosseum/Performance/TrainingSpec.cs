using Kolosseum.Hardware;

namespace Kolosseum.Performance;

/// <summary>What one training run does: how many tokens, in which batches, at which precision.</summary>
public sealed record TrainingSpec
{
    /// <summary>Tokens to train on.</summary>
    public required double Tokens { get; init; }

    /// <summary>Sequences per optimizer step.</summary>
    public required int GlobalBatch { get; init; }

    public required int SeqLen { get; init; }
    public required Precision Precision { get; init; }
    public required AttentionKernel Attention { get; init; }

    public double TokensPerStep => (double)GlobalBatch * SeqLen;
    public double Steps => Tokens / TokensPerStep;
}
