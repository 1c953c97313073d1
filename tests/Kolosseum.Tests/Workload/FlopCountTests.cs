using Kolosseum.Hardware;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Workload;

public class FlopCountTests
{
    private static ModelSpec Model(string id) => Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>(id);

    [Theory]
    [InlineData("gpt3-175b")]
    [InlineData("llama3.1-405b")]
    public void Training_flops_are_palms_6N_plus_12lsh(string id)
    {
        var m = Model(id);
        var c = WorkloadMath.Count(m);
        double expected = 6 * c.MatmulActive + 12.0 * m.Layers * m.SeqLen * m.Heads * m.HeadDim;
        Assert.Equal(expected, WorkloadMath.TrainingFlopsPerToken(m, c, m.SeqLen, causal: false), 6);
    }

    [Fact]
    public void Causal_masking_halves_the_attention_score_work()
    {
        var m = Model("llama3.1-8b");
        var c = WorkloadMath.Count(m);
        double full = WorkloadMath.TrainingFlopsPerToken(m, c, 8192, causal: false);
        double causal = WorkloadMath.TrainingFlopsPerToken(m, c, 8192, causal: true);
        Assert.Equal(3 * m.Layers * WorkloadMath.AttentionCoreForwardFlopsPerToken(m, 8192, causal: true), full - causal, 3);
    }

    [Fact]
    public void Forward_is_a_third_of_training_for_matmuls()
    {
        var m = Model("mixtral-8x7b");
        var c = WorkloadMath.Count(m);
        double fwd = WorkloadMath.ForwardFlopsPerToken(m, c, m.SeqLen, false);
        Assert.Equal(WorkloadMath.TrainingFlopsPerToken(m, c, m.SeqLen, false), 3 * fwd, 3);
    }

    [Fact]
    public void Moe_active_compute_uses_top_k_experts_not_all()
    {
        var m = Model("mixtral-8x7b");
        var c = WorkloadMath.Count(m);
        // 6·N with N the active matmul parameters: about 6 × 12.9B per token, far below 6 × 46.7B.
        double perToken = 6 * c.MatmulActive;
        Assert.InRange(perToken / 6, 11e9, 14e9);
    }

    [Fact]
    public void Mixed_precision_bytes_per_parameter_follow_megatron_and_zero()
    {
        // Korthikanti et al. 2022 (fp16, fp32 main gradients): 18 bytes; ZeRO paper mixed precision: 16 bytes.
        Assert.Equal(18, BytesPerParameter.For(Precision.Fp16).Total);
        Assert.Equal(16, BytesPerParameter.For(Precision.Bf16).Total);
        Assert.Equal(12, BytesPerParameter.For(Precision.Fp8).Optimizer);
    }
}
