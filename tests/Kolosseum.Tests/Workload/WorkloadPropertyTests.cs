using CsCheck;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Workload;

/// <summary>
/// Parameter and FLOP counts over random transformer shapes: the invariants any correct count keeps, whatever
/// the shape (the published counts of real models are checked in <see cref="ParameterCountTests"/>).
/// </summary>
public sealed class WorkloadPropertyTests
{
    private static readonly ModelSpec Base = Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>("llama3.1-8b");

    /// <summary>Dense decoder shapes: heads × head size = hidden, kv heads dividing the heads.</summary>
    private static readonly Gen<ModelSpec> Dense =
        from layers in Gen.Int[1, 160]
        from headDim in Gen.OneOfConst(64, 80, 96, 128)
        from heads in Gen.Int[1, 128]
        from kvDivisor in Gen.Int[1, 16]
        from ffnFactor in Gen.Double[1, 5]
        from vocab in Gen.Int[1000, 260_000]
        from activation in Gen.OneOfConst(FfnActivation.Gelu, FfnActivation.Swiglu, FfnActivation.Relu2)
        from tied in Gen.Bool
        from bias in Gen.Bool
        let kv = heads % kvDivisor == 0 ? heads / kvDivisor : heads
        select Base with
        {
            Layers = layers, Hidden = heads * headDim, Heads = heads, KvHeads = kv, HeadDim = headDim,
            FfnHidden = Math.Max(1, (int)(ffnFactor * heads * headDim)), Vocab = vocab, Activation = activation,
            TiedEmbeddings = tied, LinearBias = bias, Moe = null, Mla = null,
        };

    /// <summary>The dense shapes made mixture-of-experts: top-k of E routed experts in every layer.</summary>
    private static readonly Gen<ModelSpec> Moe =
        from m in Dense
        from experts in Gen.Int[2, 64]
        from topK in Gen.Int[1, 8]
        from shared in Gen.Int[0, 2]
        select m with
        {
            Moe = new MoeSpec
            {
                Experts = experts, TopK = Math.Min(topK, experts), SharedExperts = shared,
                ExpertFfnHidden = m.FfnHidden, SharedFfnHidden = m.FfnHidden, DenseLayers = 0,
            },
        };

    [Fact]
    public void A_dense_model_activates_every_parameter_and_a_mixture_of_experts_fewer()
    {
        Dense.Sample(m =>
        {
            var c = WorkloadMath.Count(m);
            Assert.Equal(c.Total, c.Active, 6);
        });
        Moe.Sample(m =>
        {
            var c = WorkloadMath.Count(m);
            Assert.True(c.Active <= c.Total * (1 + 1e-12), $"active {c.Active} > total {c.Total}");
            if (m.Moe!.TopK < m.Moe.Experts) Assert.True(c.Active < c.Total);
            else Assert.Equal(c.Total, c.Active, 6); // every expert routed: every parameter works
        });
    }

    [Fact]
    public void Every_layer_adds_the_same_number_of_parameters()
    {
        Gen.Select(Dense, Gen.Int[1, 40]).Sample((m, extra) =>
        {
            double one = WorkloadMath.Count(m with { Layers = m.Layers + 1 }).Total - WorkloadMath.Count(m).Total;
            double many = WorkloadMath.Count(m with { Layers = m.Layers + extra }).Total - WorkloadMath.Count(m).Total;
            Assert.Equal(extra * one, many, extra * one * 1e-12);
            var c = WorkloadMath.Count(m);
            Assert.Equal(c.AttentionPerLayer + c.NormsPerLayer + c.DenseMlpPerLayer, one, one * 1e-12);
        });
    }

    [Fact]
    public void Parameters_grow_with_the_ffn_the_vocabulary_and_the_kv_heads()
    {
        Gen.Select(Dense, Gen.Int[1, 4096]).Sample((m, more) =>
        {
            double total = WorkloadMath.Count(m).Total;
            Assert.True(WorkloadMath.Count(m with { FfnHidden = m.FfnHidden + more }).Total > total);
            Assert.True(WorkloadMath.Count(m with { Vocab = m.Vocab + more }).Total > total);
            if (m.KvHeads < m.Heads) Assert.True(WorkloadMath.Count(m with { KvHeads = m.Heads }).Total > total);
        });
    }

    [Fact]
    public void Training_flops_of_a_dense_model_are_six_per_weight_plus_palms_attention_term()
    {
        // From first principles, not from the code: every weight of the projections, the FFN and the output layer
        // costs 2 FLOPs per token forward and 4 backward; the attention core 12·s·(heads·head size) per layer
        // without masking (PaLM, Chowdhery et al. 2022, App. B), half of it with causal masking.
        Gen.Select(Dense, Gen.Int[1, 15]).Sample((m, log2Seq) =>
        {
            m = m with { LinearBias = false };
            int seq = 1 << log2Seq;
            double h = m.Hidden, d = m.HeadDim, a = m.Heads, g = m.KvHeads, f = m.FfnHidden;
            double ffnMatrices = m.Activation is FfnActivation.Swiglu or FfnActivation.Geglu ? 3 : 2;
            double weights = m.Layers * (2 * h * d * (a + g) + ffnMatrices * h * f) + (double)m.Vocab * h;
            double attention = 12.0 * m.Layers * seq * a * d;
            var c = WorkloadMath.Count(m);
            double full = WorkloadMath.TrainingFlopsPerToken(m, c, seq, causal: false);
            double causal = WorkloadMath.TrainingFlopsPerToken(m, c, seq, causal: true);
            Assert.Equal(6 * weights + attention, full, full * 1e-12);
            Assert.Equal(6 * weights + attention / 2, causal, causal * 1e-12);
            Assert.Equal(3.0, causal / WorkloadMath.ForwardFlopsPerToken(m, c, seq, causal: true), 9);
        });
    }

    [Fact]
    public void Routing_to_fewer_experts_never_adds_work()
    {
        Gen.Select(Moe, Gen.Int[1, 15]).Sample((m, log2Seq) =>
        {
            int seq = 1 << log2Seq;
            var fewer = m with { Moe = m.Moe! with { TopK = Math.Max(1, m.Moe.TopK - 1) } };
            double flops = WorkloadMath.TrainingFlopsPerToken(m, WorkloadMath.Count(m), seq, causal: true);
            double less = WorkloadMath.TrainingFlopsPerToken(fewer, WorkloadMath.Count(fewer), seq, causal: true);
            Assert.True(less <= flops);
            if (fewer.Moe!.TopK < m.Moe!.TopK) Assert.True(less < flops);
        });
    }

    [Fact]
    public void Attention_core_work_per_token_grows_linearly_with_the_sequence()
    {
        Gen.Select(Dense, Gen.Int[1, 14]).Sample((m, log2Seq) =>
        {
            int seq = 1 << log2Seq;
            double a = WorkloadMath.AttentionCoreForwardFlopsPerToken(m, seq, causal: false);
            double b = WorkloadMath.AttentionCoreForwardFlopsPerToken(m, 2 * seq, causal: false);
            Assert.Equal(2 * a, b, b * 1e-12);
        });
    }
}
