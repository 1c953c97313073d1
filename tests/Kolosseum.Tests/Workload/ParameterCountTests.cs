using Kolosseum.Workload;

namespace Kolosseum.Tests.Workload;

/// <summary>Exact parameter counts against the counts the models' authors published.</summary>
public class ParameterCountTests
{
    private static ModelSpec Model(string id) => Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>(id);

    // Published counts are rounded ("175B", "405B") and sometimes count padding or extra heads
    // differently; 2% covers rounding to the printed figure and vocabulary padding.
    [Theory]
    [InlineData("gpt3-175b", 175e9, 0.02)]
    [InlineData("megatron-1t", 1008e9, 0.02)]
    [InlineData("mtnlg-530b", 530e9, 0.02)]
    [InlineData("llama3.1-8b", 8.03e9, 0.01)]
    [InlineData("llama3.1-70b", 70.6e9, 0.01)]
    [InlineData("llama3.1-405b", 405e9, 0.01)]
    [InlineData("nemotron4-340b", 341e9, 0.01)]
    [InlineData("grok1-314b", 314e9, 0.02)]
    [InlineData("mixtral-8x7b", 46.7e9, 0.01)]
    [InlineData("deepseek-v3-671b", 671e9, 0.01)]
    [InlineData("mixtral-8x22b", 141e9, 0.01)]
    [InlineData("qwen3-235b-a22b", 235e9, 0.01)]
    [InlineData("qwen3-30b-a3b", 30.5e9, 0.01)]
    // Kimi K2 reports "1.04T"; its config.json counts to 1.026T (the printed figure may include the norms and rounding).
    [InlineData("kimi-k2", 1.04e12, 0.02)]
    public void Total_parameters_match_the_published_count(string id, double published, double tolerance)
    {
        double total = WorkloadMath.Count(Model(id)).Total;
        Assert.InRange(total / published, 1 - tolerance, 1 + tolerance);
    }

    [Theory]
    [InlineData("mixtral-8x7b", 12.9e9, 0.02)]
    // DeepSeek-V3 reports "37B activated"; the printed figure is rounded to two digits.
    [InlineData("deepseek-v3-671b", 37e9, 0.03)]
    // Grok-1: ~25% of weights active per token (xai-org/grok-1 README); two of eight experts plus attention and embeddings.
    [InlineData("grok1-314b", 86e9, 0.05)]
    [InlineData("mixtral-8x22b", 39e9, 0.02)]
    [InlineData("qwen3-235b-a22b", 22e9, 0.03)]
    [InlineData("qwen3-30b-a3b", 3.3e9, 0.03)]
    [InlineData("kimi-k2", 32.6e9, 0.03)]
    public void Active_parameters_of_mixture_of_experts_match(string id, double published, double tolerance)
    {
        double active = WorkloadMath.Count(Model(id)).Active;
        Assert.InRange(active / published, 1 - tolerance, 1 + tolerance);
    }

    [Fact]
    public void Dense_models_activate_every_parameter()
    {
        var c = WorkloadMath.Count(Model("llama3.1-405b"));
        Assert.Equal(c.Total, c.Active, 0);
    }

    [Fact]
    public void Gpt_style_count_agrees_with_narayanans_closed_form()
    {
        // Narayanan et al. 2021: P = 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h)) for MHA, 4h MLP, tied embeddings,
        // learned positions and biases; our exact count must agree to within the LayerNorm-bias rounding.
        var m = Model("gpt3-175b");
        double l = m.Layers, h = m.Hidden, v = m.Vocab, s = m.SeqLen;
        double closedForm = 12 * l * h * h * (1 + 13 / (12 * h) + (v + s) / (12 * l * h));
        Assert.Equal(1.0, WorkloadMath.Count(m).Total / closedForm, 3);
    }

    [Fact]
    public void Swiglu_uses_three_matrices_and_gelu_two()
    {
        var gated = Model("llama3.1-8b");
        var plain = gated with { Activation = FfnActivation.Gelu };
        double h = gated.Hidden, f = gated.FfnHidden;
        Assert.Equal(3 * h * f, WorkloadMath.Count(gated).DenseMlpPerLayer);
        Assert.Equal(2 * h * f, WorkloadMath.Count(plain).DenseMlpPerLayer);
    }

    [Fact]
    public void Grouped_query_attention_shrinks_only_the_key_value_projections()
    {
        var gqa = Model("llama3.1-70b");
        var mha = gqa with { KvHeads = gqa.Heads };
        double h = gqa.Hidden, d = gqa.HeadDim;
        double saved = WorkloadMath.Count(mha).AttentionPerLayer - WorkloadMath.Count(gqa).AttentionPerLayer;
        Assert.Equal(2 * h * d * (gqa.Heads - gqa.KvHeads), saved);
    }

    [Fact]
    public void Untying_embeddings_adds_one_vocabulary_projection()
    {
        var tied = Model("gpt3-175b");
        var untied = tied with { TiedEmbeddings = false };
        Assert.Equal((double)tied.Vocab * tied.Hidden, WorkloadMath.Count(untied).Total - WorkloadMath.Count(tied).Total);
    }
}
