using Kolosseum.Hardware;

namespace Kolosseum.Performance;

/// <summary>What one training run does: how many tokens, in which batches, at which precision.</summary>
public sealed record TrainingSpec
{
    /// <summary>Tokens to train on at <see cref="GlobalBatch"/> (the scenario's budget grown by the batch penalty when the batch moved).</summary>
    public required double Tokens { get; init; }

    /// <summary>
    /// A batch ramp before the run's own batch (<c>training.batch_schedule</c>): segments with increasing token thresholds;
    /// empty: the run trains at <see cref="GlobalBatch"/> throughout.
    /// </summary>
    public IReadOnlyList<BatchSegment> BatchSchedule { get; init; } = [];

    /// <summary>The scenario's token budget, read at its own batch (<see cref="Reference"/>); null: <see cref="Tokens"/>.</summary>
    public double? ReferenceTokens { get; init; }

    /// <summary>
    /// B_noise of McCandlish et al. 2018 (arXiv 1812.06162) in tokens per step; null: the tokens do not depend on the batch.
    /// </summary>
    public double? NoiseScaleTokens { get; init; }

    /// <summary>The token budget as the scenario gives it, at its own batch.</summary>
    public double ScenarioTokens => ReferenceTokens ?? Tokens;

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

    /// <summary>The same run at another batch: the scenario's batch, budget and range stay, the tokens follow <see cref="TokensAt"/>.</summary>
    public TrainingSpec AtBatch(int batch) => batch == GlobalBatch ? this
        : this with { GlobalBatch = batch, ReferenceBatch = Reference, ReferenceTokens = ScenarioTokens, Tokens = TokensAt(batch) };

    /// <summary>
    /// Tokens the run needs at a batch of <paramref name="batch"/> sequences: D(B) = D_ref (1 + B / B_noise) / (1 + B_ref / B_noise),
    /// McCandlish et al.'s D(B) = D_min (1 + B / B_noise) with the scenario's budget read as D at its own batch B_ref
    /// (docs/search.md, "Tokens at a batch"). <paramref name="noiseScale"/> multiplies B_noise (an uncertainty sample).
    /// </summary>
    public double TokensAt(int batch, double noiseScale = 1) => ScenarioTokens * TokenFactor(batch, noiseScale);

    /// <summary>D(B) / D(B_ref): 1 at the scenario's batch, growing with the batch; 1 when no B_noise is given.</summary>
    public double TokenFactor(int batch, double noiseScale = 1)
    {
        if (NoiseScaleTokens is not { } noise || batch == Reference) return 1;
        double b = noise * noiseScale;
        return (1 + (double)batch * SeqLen / b) / (1 + (double)Reference * SeqLen / b);
    }

    /// <summary>The batch as a title shows it: "2048" or, when the search may move it, "2048–8192" (sequences).</summary>
    public string BatchRange()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return LowestBatch == HighestBatch ? Reference.ToString(inv) : LowestBatch.ToString(inv) + "–" + HighestBatch.ToString(inv);
    }

    public required int SeqLen { get; init; }
    public required Precision Precision { get; init; }
    public required AttentionKernel Attention { get; init; }

    /// <summary>Mixture-of-experts dispatch, overlap and routing, and the FP8 recipe.</summary>
    public MoeOptions Moe { get; init; } = MoeOptions.Default;

    /// <summary>
    /// Whether the data-parallel gradient reduction (and the ZeRO-1/2 weight gather) overlaps computation, bucket
    /// by bucket, as Megatron-Core's overlap_grad_reduce / overlap_param_gather, PyTorch DDP and FSDP do. Off: the
    /// reduction starts after the last micro-batch's backward and the gather before the next forward, as in
    /// Megatron-LM's local DDP of 2021 (reduce_model_grads after the whole forward-backward schedule) and
    /// DeepSpeed's pipeline engine (its ReduceGrads step follows the last backward).
    /// </summary>
    public bool DpOverlap { get; init; } = true;

    /// <summary>
    /// Whether the backward of each column-parallel linear (QKV and the first FFN matrix) runs its input-gradient
    /// collective while it computes its weight gradient: Megatron-LM's ColumnParallelLinearWithAsyncAllreduce
    /// (the all-reduce, without sequence parallelism) and ColumnParallelLinearWithSequenceParallelism (the
    /// reduce-scatter), megatron/mpu/layers.py from 2022 (the code of Korthikanti et al. 2022), and Megatron-Core's
    /// LinearWithGradAccumulationAndAsyncCommunication since. Off: every TP collective waits between kernels, as in
    /// Megatron-LM's 2021 layers (copy_to_tensor_model_parallel_region) and the Megatron-DeepSpeed forks built on it.
    /// </summary>
    public bool TpGradOverlap { get; init; } = true;

    /// <summary>
    /// Whether each TP rank sends only its 1/tp share of the activation to the next pipeline stage (Megatron's
    /// scatter/gather optimisation, Narayanan et al. 2021, Sec 4.1; with sequence parallelism the activation is
    /// sharded anyway). Off: every TP rank sends the whole replicated tensor, as DeepSpeed's pipeline engine does
    /// (deepspeed/runtime/pipe/engine.py, _exec_send_activations: p2p.send of the stage's full outputs), the
    /// engine of the Megatron-DeepSpeed runs (MT-NLG, BLOOM).
    /// </summary>
    public bool PpScatterGather { get; init; } = true;

    public double TokensPerStep => (double)GlobalBatch * SeqLen;
    public double Steps => Tokens / TokensPerStep;
}
