namespace Kolosseum.Performance;

public sealed partial class PerformanceModel
{
    /// <summary>
    /// Parameters held by the first GPU of the pipeline (the fullest): its layers split by TP (experts also by
    /// EP), the input embedding, and the output layer when the pipeline has a single stage.
    /// Returns non-expert and expert parameters separately: they shard over different data-parallel groups.
    /// </summary>
    private (double Dense, double Expert) ParamsOnFirstGpu(in LayoutContext c)
    {
        int layers = c.FirstLayers;
        int dense = c.FirstDense;
        int moe = layers - dense;
        var k = _counts;
        double perLayerShared = (k.AttentionPerLayer + k.NormsPerLayer * c.Tp) / c.Tp;
        double nonExpert = layers * perLayerShared + dense * k.DenseMlpPerLayer / c.Tp
            + moe * (k.RouterPerLayer + k.SharedMlpPerLayer / c.Tp);
        double expert = moe * k.ExpertMlp * ((double)_experts / c.Ep) / c.Etp;
        nonExpert += k.InputEmbedding / c.Tp;
        if (c.Pp == 1) nonExpert += k.OutputLayer / c.Tp;
        return (nonExpert, expert);
    }

    private void EstimateMemory(in LayoutContext c, ref StepEstimate r)
    {
        var (dense, expert) = ParamsOnFirstGpu(in c);
        int dpRanks = c.Dp * c.Cp;
        int expertRanks = c.ExpertDp;
        int zero = c.Zero;
        double Shard(double p, int stage) => zero >= stage ? p : 1;
        r.WeightBytes = _bpp.Weights * (dense / Shard(dpRanks, 3) + expert / Shard(expertRanks, 3));
        r.GradientBytes = _bpp.Gradients * (dense / Shard(dpRanks, 2) + expert / Shard(expertRanks, 2));
        r.OptimizerBytes = _bpp.Optimizer * (dense / Shard(dpRanks, 1) + expert / Shard(expertRanks, 1));
        r.ActivationBytes = Activations(in c);
        // ZeRO-3 materialises one wrapped unit's full weights at a time plus a prefetched one: two layers
        // (the embedding is its own unit; the larger of the two sets the buffer).
        double gathered = 0;
        if (c.Zero == 3)
        {
            double embedding = _counts.InputEmbedding / c.Tp;
            double perLayer = (dense + expert - embedding - (c.Pp == 1 ? _counts.OutputLayer / c.Tp : 0)) / Math.Max(1, c.FirstLayers);
            gathered = 2 * _bpp.Weights * Math.Max(perLayer, embedding);
        }
        r.ReserveBytes = _reserve + _fragmentation * r.ActivationBytes + gathered;
        r.MemoryBytes = r.WeightBytes + r.GradientBytes + r.OptimizerBytes + r.ActivationBytes + r.ReserveBytes;
        r.CapacityBytes = _capacity;
    }

    /// <summary>
    /// Activation memory of the first stage (Korthikanti et al. 2022, generalised to GQA, gated FFNs, MoE,
    /// context parallelism and flash attention): per layer and micro-batch, times the micro-batches the
    /// schedule keeps in flight on the first stage.
    /// </summary>
    private double Activations(in LayoutContext c)
    {
        double perDense = LayerActivations(in c, moeLayer: false);
        double perMoe = _moeLayers > 0 ? LayerActivations(in c, moeLayer: true) : 0;
        int layers = c.FirstLayers;
        int dense = c.FirstDense;
        double perMicroBatch = dense * perDense + (layers - dense) * perMoe;

        // In flight on the first stage: pp micro-batches for 1F1B (fewer when there are fewer micro-batches);
        // the interleaved schedule keeps 1 + (pp−1)/(pp·vpp) times as much (Narayanan et al. 2021).
        double inFlight = Math.Min(c.Pp, c.MicroBatches);
        if (c.Vpp > 1) inFlight = c.Pp * (1 + (double)(c.Pp - 1) / (c.Pp * c.Vpp));
        double total = perMicroBatch * inFlight;

        double replicated = c.Sp ? 1.0 / c.Tp : 1.0;
        // The embedding output is the first layer's input, already counted with that layer. (Korthikanti's
        // extra s·b·h·p is an embedding-dropout mask; decoder LLMs train without embedding dropout.)
        if (c.Pp == 1)
        {
            // Final norm and fp32 logits for the loss of the one micro-batch being finished.
            total += 4 * c.Tokens * _h * replicated + 4 * c.Tokens * _vocab / c.Tp;
        }
        return total;
    }

    /// <summary>
    /// Bytes one layer keeps for the backward pass, per micro-batch (Korthikanti et al. 2022, Table 2, term by
    /// term). With FP8, Transformer Engine keeps the inputs of the linear layers in FP8 (1 byte) for the
    /// weight gradients instead of 16-bit copies.
    /// </summary>
    private double LayerActivations(in LayoutContext c, bool moeLayer)
    {
        double t = c.Tp;
        double T = c.Tokens;
        if (c.Recompute == Recompute.Full)
            return 2 * T * _h / (c.Sp ? t : 1);
        double replicated = c.Sp ? 1.0 / t : 1.0;
        double gemmInput = _fp8 ? 1 : 2;
        // Selective recompute keeps what is cheap to recompute out of memory (Korthikanti et al. 2022): with
        // the standard kernels that is the attention core (scores, softmax, dropout); with flash, which
        // never stores scores, it is the norm outputs and the activation function's output, re-run from
        // their stored inputs.
        bool dropCheap = _flash && c.Recompute == Recompute.Selective;
        double normOutput = dropCheap ? 0 : gemmInput;
        // Outside the TP-split regions (split too with SP): both norm inputs (2 bytes), the QKV and FFN
        // inputs (the norm outputs) and the two dropout masks (1 byte).
        double shared = (2 + normOutput + 1 + 2 + normOutput + 1) * T * _h * replicated;
        // Split by TP: Q, K, V, and the output-projection input.
        double attention = 2 * T * (_a * _dqk + _g * _dqk + _g * _dv) / t + gemmInput * T * _a * _dv / t;
        if (_flash)
        {
            attention += 4 * T * _a / t; // log-sum-exp per head and token (fp32)
        }
        else if (c.Recompute != Recompute.Selective)
        {
            // Softmax output (2), dropout mask (1) and dropout output (2) for every score (5·a·s²·b/t).
            attention += 5 * T * _seq * _a / t;
        }
        // FFN: the first matrix's output (two halves when gated) and the activation output (the second matrix's input).
        double up = _gated ? 4 : 2;
        double actOutput = dropCheap ? 0 : gemmInput;
        double ffn;
        if (moeLayer)
        {
            double routed = T * _topk;
            // The permuted copies of the tokens this GPU dispatched (T·etp/tp of them when experts run whole).
            ffn = 2 * routed * _h * (c.DispatchTokens / T) + (up + actOutput) * routed * _expertFfn / t + 4 * T * _experts
                + (up + actOutput) * T * _shared * _sharedFfn / t;
        }
        else
        {
            ffn = (up + actOutput) * T * _f / t;
        }
        return shared + attention + ffn;
    }
}
