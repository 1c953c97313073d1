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
        var (nonExpert, expert) = LayerParams(in c, c.FirstLayers, c.FirstDense);
        nonExpert += _counts.InputEmbedding / c.Tp;
        if (c.Pp == 1) nonExpert += _counts.OutputLayer / c.Tp;
        return (nonExpert, expert);
    }

    /// <summary>Parameters of <paramref name="layers"/> layers on one GPU (<paramref name="dense"/> of them with a dense MLP): split by TP, experts also by EP.</summary>
    private (double Dense, double Expert) LayerParams(in LayoutContext c, int layers, int dense)
    {
        int moe = layers - dense;
        var k = _counts;
        double perLayerShared = (k.AttentionPerLayer + k.NormsPerLayer * c.Tp) / c.Tp;
        double nonExpert = layers * perLayerShared + dense * k.DenseMlpPerLayer / c.Tp
            + moe * (k.RouterPerLayer + k.SharedMlpPerLayer / c.Tp);
        double expert = moe * k.ExpertMlp * ((double)_experts / c.Ep) / c.Etp;
        return (nonExpert, expert);
    }

    /// <summary>
    /// Parameters held by pipeline stage <paramref name="stage"/>: its layers split by TP (experts also by EP),
    /// the input embedding on the first stage, the output layer on the last.
    /// </summary>
    private (double Dense, double Expert) ParamsOnStage(in LayoutContext c, int stage)
    {
        if (stage == 0) return ParamsOnFirstGpu(in c);
        var (layers, dense) = StageLayers(in c, stage);
        var (nonExpert, expert) = LayerParams(in c, layers, dense);
        if (stage == c.Pp - 1) nonExpert += _counts.OutputLayer / c.Tp;
        return (nonExpert, expert);
    }

    /// <summary>Layers and dense layers of stage <paramref name="stage"/>: the first and last may hold one fewer (uneven split).</summary>
    private (int Layers, int Dense) StageLayers(in LayoutContext c, int stage)
    {
        if (stage == 0) return (c.FirstLayers, c.FirstDense);
        if (stage == c.Pp - 1) return (c.LastLayers, LastDense(in c));
        return (c.MaxLayers, _denseLayers == _layers ? c.MaxLayers : 0);
    }

    /// <summary>
    /// Micro-batches whose activations stage <paramref name="stage"/> holds at its peak, in units of the whole
    /// stage's layers. 1F1B: stage r starts pp − r forwards before its first backward. Interleaved (Megatron-Core's
    /// schedule): 2·(pp − r − 1) + (vpp − 1)·pp warm-up chunks plus the one in flight, each a 1/vpp share of
    /// the stage's layers; when the micro-batches are as many as the stages, all forwards run first. Never
    /// more than the micro-batches there are.
    /// </summary>
    private static double InFlight(in LayoutContext c, int stage)
    {
        int m = c.MicroBatches;
        if (c.Vpp <= 1) return Math.Max(1, Math.Min(m, c.Pp - stage));
        double chunks = 2.0 * (c.Pp - stage - 1) + (c.Vpp - 1.0) * c.Pp + 1;
        double all = (double)m * c.Vpp;
        if (m == c.Pp) chunks = all;
        return Math.Min(all, chunks) / c.Vpp;
    }

    /// <summary>
    /// Memory per GPU of the fullest pipeline stage. The first stage holds the most micro-batches in flight,
    /// but with an uneven split the second holds one layer more and the last holds the output layer and the
    /// logits, so the first, the second and the last stage are evaluated and the largest is reported.
    /// </summary>
    private void EstimateMemory(in LayoutContext c, ref StepEstimate r)
    {
        StageMemory(in c, 0, ref r);
        r.FullestStage = 0;
        if (c.Pp <= 1) return;
        var other = r;
        StageMemory(in c, c.Pp - 1, ref other);
        if (other.MemoryBytes > r.MemoryBytes) { r = other; r.FullestStage = c.Pp - 1; }
        if (c.Pp > 2 && c.MaxLayers > c.FirstLayers)
        {
            other = r;
            StageMemory(in c, 1, ref other);
            if (other.MemoryBytes > r.MemoryBytes) { r = other; r.FullestStage = 1; }
        }
    }

    /// <summary>
    /// Memory per GPU of every pipeline stage, first to last, in bytes: the per-stage view behind
    /// <see cref="StepEstimate.MemoryBytes"/>, which is their largest. Stages differ by the layers they hold
    /// (uneven splits), the micro-batches the schedule keeps in flight on them (more on earlier stages), the
    /// embedding on the first and the output layer and logits on the last.
    /// </summary>
    public double[] MemoryByStage(in Layout layout)
    {
        var c = new LayoutContext(this, layout);
        var bytes = new double[c.Pp];
        for (int stage = 0; stage < c.Pp; stage++)
        {
            var r = new StepEstimate();
            StageMemory(in c, stage, ref r);
            bytes[stage] = r.MemoryBytes;
        }
        return bytes;
    }

    private void StageMemory(in LayoutContext c, int stage, ref StepEstimate r)
    {
        var (dense, expert) = ParamsOnStage(in c, stage);
        int dpRanks = c.Dp * c.Cp;
        int expertRanks = c.ExpertDp;
        int zero = c.Zero;
        double Shard(double p, int z) => zero >= z ? p : 1;
        r.WeightBytes = _bpp.Weights * (dense / Shard(dpRanks, 3) + expert / Shard(expertRanks, 3));
        r.GradientBytes = _bpp.Gradients * (dense / Shard(dpRanks, 2) + expert / Shard(expertRanks, 2));
        r.OptimizerBytes = _bpp.Optimizer * (dense / Shard(dpRanks, 1) + expert / Shard(expertRanks, 1));
        r.ActivationBytes = Activations(in c, stage);
        // ZeRO-3 materialises one wrapped unit's full weights at a time plus a prefetched one: two layers
        // (the embedding and the output layer are units of their own; the largest sets the buffer).
        double gathered = 0;
        if (c.Zero == 3)
        {
            var (layers, _) = StageLayers(in c, stage);
            double embedding = stage == 0 ? _counts.InputEmbedding / c.Tp : 0;
            double output = stage == c.Pp - 1 ? _counts.OutputLayer / c.Tp : 0;
            double perLayer = (dense + expert - embedding - output) / Math.Max(1, layers);
            gathered = 2 * _bpp.Weights * Math.Max(perLayer, Math.Max(embedding, output));
        }
        r.ReserveBytes = _reserve + _fragmentation * r.ActivationBytes + gathered;
        r.MemoryBytes = r.WeightBytes + r.GradientBytes + r.OptimizerBytes + r.ActivationBytes + r.ReserveBytes;
        r.CapacityBytes = _capacity;
    }

    /// <summary>
    /// Activation memory of a pipeline stage (Korthikanti et al. 2022, generalised to GQA, gated FFNs, MoE,
    /// context parallelism and flash attention): per layer and micro-batch, times the micro-batches the
    /// schedule keeps in flight on that stage.
    /// </summary>
    private double Activations(in LayoutContext c, int stage)
    {
        double perDense = LayerActivations(in c, moeLayer: false);
        double perMoe = _moeLayers > 0 ? LayerActivations(in c, moeLayer: true) : 0;
        var (layers, dense) = StageLayers(in c, stage);
        double perMicroBatch = dense * perDense + (layers - dense) * perMoe;
        double total = perMicroBatch * InFlight(in c, stage);

        double replicated = c.Sp ? 1.0 / c.Tp : 1.0;
        // The embedding output is the first layer's input, already counted with that layer. (Korthikanti's
        // extra s·b·h·p is an embedding-dropout mask; decoder LLMs train without embedding dropout.)
        if (stage == c.Pp - 1)
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
        // inputs (the norm outputs) and the two dropout masks (1 byte), which a model trained without
        // dropout does not have (Megatron-Core and Transformer Engine skip the dropout op at p = 0).
        double mask = _dropout ? 1 : 0;
        double shared = (2 + normOutput + mask + 2 + normOutput + mask) * T * _h * replicated;
        // Split by TP: Q, K, V, and the output-projection input.
        double attention = 2 * T * (_a * _dqk + _g * _dqk + _g * _dv) / t + gemmInput * T * _a * _dv / t;
        if (_flash)
        {
            attention += 4 * T * _a / t; // log-sum-exp per head and token (fp32)
        }
        else if (c.Recompute != Recompute.Selective)
        {
            // Softmax output (2), dropout mask (1) and dropout output (2) for every score (5·a·s²·b/t);
            // without attention dropout only the softmax output.
            attention += (_dropout ? 5 : 2) * T * _seq * _a / t;
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
