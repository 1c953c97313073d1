namespace Kolosseum.Workload;

/// <summary>Parameter and FLOP counts derived from a model shape.</summary>
public static class WorkloadMath
{
    public static ModelCounts Count(ModelSpec m)
    {
        double h = m.Hidden;
        double bias = m.LinearBias ? 1 : 0;
        double attention = AttentionParams(m);
        // Two norms per layer; LayerNorm (GPT-style models with biases) has a bias vector too.
        double norms = 2 * h * (m.LinearBias ? 2 : 1);
        double matrices = m.IsGated ? 3 : 2;
        double denseMlp = matrices * h * m.FfnHidden + bias * (m.FfnHidden * (m.IsGated ? 2 : 1) + h);
        double expert = 0, shared = 0, router = 0;
        int experts = 0, topk = 0;
        if (m.Moe is { } moe)
        {
            expert = matrices * h * moe.ExpertFfnHidden + bias * (moe.ExpertFfnHidden * (m.IsGated ? 2 : 1) + h);
            shared = moe.SharedExperts * (matrices * h * moe.SharedFfnHidden + bias * (moe.SharedFfnHidden * (m.IsGated ? 2 : 1) + h));
            router = h * moe.Experts;
            experts = moe.Experts;
            topk = moe.TopK;
        }
        double embedding = (double)m.Vocab * h + (m.Positions == PositionEmbedding.Learned ? (double)m.SeqLen * h : 0);
        double finalNorm = h * (m.LinearBias ? 2 : 1);
        double outputProjection = (double)m.Vocab * h;
        double outputLayer = (m.TiedEmbeddings ? 0 : outputProjection) + finalNorm;
        return new ModelCounts
        {
            AttentionPerLayer = attention,
            NormsPerLayer = norms,
            DenseMlpPerLayer = denseMlp,
            ExpertMlp = expert,
            SharedMlpPerLayer = shared,
            RouterPerLayer = router,
            InputEmbedding = embedding,
            OutputLayer = outputLayer,
            OutputProjection = outputProjection,
            DenseLayers = m.Layers - m.MoeLayers,
            MoeLayers = m.MoeLayers,
            Experts = experts,
            TopK = topk,
        };
    }

    /// <summary>Attention projection parameters of one layer (GQA/MHA or MLA), biases included.</summary>
    public static double AttentionParams(ModelSpec m)
    {
        double h = m.Hidden;
        double a = m.Heads;
        if (m.Mla is { } mla)
        {
            double qHead = mla.QkNopeHeadDim + mla.QkRopeHeadDim;
            double q = mla.QLoraRank > 0
                ? h * mla.QLoraRank + mla.QLoraRank /* q norm */ + mla.QLoraRank * a * qHead
                : h * a * qHead;
            double kvDown = h * (mla.KvLoraRank + mla.QkRopeHeadDim) + mla.KvLoraRank /* kv norm */;
            double kvUp = mla.KvLoraRank * a * (mla.QkNopeHeadDim + mla.VHeadDim);
            double o = a * mla.VHeadDim * h;
            return q + kvDown + kvUp + o;
        }
        double d = m.HeadDim;
        double g = m.KvHeads;
        double weights = h * d * (2 * a + 2 * g);
        double biases = m.LinearBias ? d * (a + 2 * g) + h : 0;
        return weights + biases;
    }

    /// <summary>Query/key head size and value head size of the attention core.</summary>
    public static (double Qk, double V) AttentionHeadDims(ModelSpec m) =>
        m.Mla is { } mla ? (mla.QkNopeHeadDim + mla.QkRopeHeadDim, mla.VHeadDim) : (m.HeadDim, m.HeadDim);

    /// <summary>
    /// Forward FLOPs of the attention core (QKᵀ and attention·V) per token per layer for a sequence of
    /// <paramref name="seq"/> tokens. Causal masking halves the score matrix when <paramref name="causal"/>.
    /// </summary>
    public static double AttentionCoreForwardFlopsPerToken(ModelSpec m, int seq, bool causal)
    {
        var (qk, v) = AttentionHeadDims(m);
        double full = 2.0 * seq * m.Heads * (qk + v);
        return causal ? full / 2 : full;
    }

    /// <summary>
    /// Training FLOPs per token (forward + backward, no recompute): 6 × matmul parameters + 3 × attention core.
    /// With <paramref name="causal"/> false this is PaLM's 6N + 12·l·s·h (the convention most published MFUs use).
    /// </summary>
    public static double TrainingFlopsPerToken(ModelSpec m, ModelCounts c, int seq, bool causal) =>
        6 * c.MatmulActive + 3 * m.Layers * AttentionCoreForwardFlopsPerToken(m, seq, causal);

    /// <summary>Forward FLOPs per token (matmuls and attention core).</summary>
    public static double ForwardFlopsPerToken(ModelSpec m, ModelCounts c, int seq, bool causal) =>
        2 * c.MatmulActive + m.Layers * AttentionCoreForwardFlopsPerToken(m, seq, causal);
}
