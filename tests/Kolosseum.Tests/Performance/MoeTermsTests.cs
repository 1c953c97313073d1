using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// The mixture-of-experts terms (docs/performance-model.md, "Mixture of experts") against their physics:
/// what each choice may and may not do to a step, on DeepSeek-V3's own layout (2,048 H800, PP16 EP64).
/// </summary>
public class MoeTermsTests
{
    private static readonly Layout DeepSeekLayout = new(1, 16, 1, 128, 1, 64, 1, false, Recompute.None, 1);

    private static PerformanceModel DeepSeek(MoeOptions moe, ModelSpec? model = null, Precision precision = Precision.Fp8)
    {
        var c = PerformanceFixture.Catalog;
        var m = model ?? c.Get<ModelSpec>("deepseek-v3-671b");
        var gpu = c.Get<GpuSpec>("H800-SXM-80GB");
        var node = c.Get<NodeSpec>("hgx-h800");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 15360, SeqLen = 4096, Precision = precision, Attention = AttentionKernel.Flash, Moe = moe };
        return new PerformanceModel(m, training, gpu, FabricNetwork.DefaultNetwork(c, gpu, node, 2048));
    }

    [Fact]
    public void Deepep_with_node_limited_routing_exposes_less_than_nccl_all_to_all()
    {
        var nccl = DeepSeek(MoeOptions.Default).Evaluate(DeepSeekLayout);
        var deepep = DeepSeek(MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp }).Evaluate(DeepSeekLayout);
        // Each token crosses the network once per node (at most 4 of 8) instead of once per expert (8), and
        // dispatch travels in FP8: well under the NCCL volume, though never free.
        Assert.True(deepep.EpExposed > 0);
        Assert.True(deepep.EpExposed < 0.6 * nccl.EpExposed, $"{deepep.EpExposed:F2} s vs {nccl.EpExposed:F2} s");
        Assert.True(deepep.StepTime < nccl.StepTime);
    }

    [Fact]
    public void Overlap_hides_communication_only_behind_computation_and_costs_the_sms_it_takes()
    {
        var plain = DeepSeek(MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp }).Evaluate(DeepSeekLayout);
        var overlapped = DeepSeek(MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp, Overlap = true }).Evaluate(DeepSeekLayout);
        Assert.True(overlapped.EpExposed <= plain.EpExposed);
        Assert.True(overlapped.StepTime < plain.StepTime);
        // Never faster than the step with the communication gone and the computation untouched...
        Assert.True(overlapped.StepTime >= plain.StepTime - plain.EpExposed - 1e-9);
        // ...and the computation pays the 20 of 132 SMs the kernels hold while they overlap it.
        Assert.True(overlapped.Compute > plain.Compute);
        Assert.True(overlapped.Compute - plain.Compute <= plain.EpExposed * 20 / 112 + 1e-9);
    }

    [Fact]
    public void Padding_to_capacity_and_imbalance_cost_expert_work_in_proportion()
    {
        var balanced = DeepSeek(MoeOptions.Default).Evaluate(DeepSeekLayout);
        var capacity = DeepSeek(MoeOptions.Default with { CapacityFactor = 1.25 }).Evaluate(DeepSeekLayout);
        var skewed = DeepSeek(MoeOptions.Default with { Imbalance = 1.25 }).Evaluate(DeepSeekLayout);
        Assert.True(capacity.StepTime > balanced.StepTime);
        // The same load factor by either route costs the same.
        Assert.Equal(capacity.StepTime, skewed.StepTime, 9);
        // Only the experts and their exchange grow: never more than 25 % of the step.
        Assert.True(capacity.StepTime < 1.25 * balanced.StepTime);
    }

    [Fact]
    public void Multi_token_prediction_adds_work_but_no_model_flops()
    {
        var m = PerformanceFixture.Catalog.Get<ModelSpec>("deepseek-v3-671b");
        Assert.Equal(1, m.MtpLayers);
        var with = DeepSeek(MoeOptions.Default).Evaluate(DeepSeekLayout);
        var without = DeepSeek(MoeOptions.Default, m with { MtpLayers = 0 }).Evaluate(DeepSeekLayout);
        Assert.True(with.StepTime > without.StepTime);
        Assert.Equal(without.ModelFlopsPerStep, with.ModelFlopsPerStep, 0);
        // One module of a 61-layer model: a few percent, not a second model.
        Assert.True(with.StepTime < 1.1 * without.StepTime);
    }

    [Fact]
    public void Finer_fp8_recipes_move_their_scales_and_leave_16_bit_runs_alone()
    {
        var tensorwise = DeepSeek(MoeOptions.Default).Evaluate(DeepSeekLayout);
        var blockwise = DeepSeek(MoeOptions.Default with { Fp8Recipe = Fp8Recipe.Blockwise }).Evaluate(DeepSeekLayout);
        Assert.True(blockwise.StepTime > tensorwise.StepTime);
        Assert.True(blockwise.StepTime < 1.02 * tensorwise.StepTime);
        var bf16 = DeepSeek(MoeOptions.Default, precision: Precision.Bf16).Evaluate(DeepSeekLayout);
        var bf16Blockwise = DeepSeek(MoeOptions.Default with { Fp8Recipe = Fp8Recipe.Blockwise }, precision: Precision.Bf16).Evaluate(DeepSeekLayout);
        Assert.Equal(bf16.StepTime, bf16Blockwise.StepTime, 12);
    }

    [Fact]
    public void Experts_without_tp_carve_ep_out_of_tp_dp_cp_and_hold_whole_experts()
    {
        var c = PerformanceFixture.Catalog;
        var qwen = c.Get<ModelSpec>("qwen3-235b-a22b");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 2048, SeqLen = 4096, Precision = Precision.Bf16, Attention = AttentionKernel.Flash };
        // Megatron-Bridge's Qwen3-235B-A22B H100 layout: tp2 pp8 ep32 on 256 GPUs (dp 16 < ep 32).
        var split = new Layout(2, 8, 1, 16, 1, 32, 1, true, Recompute.None, 1);
        var folded = split with { ExpertTp = 1 };
        Assert.Contains(LayoutRules.Check(qwen, training, 256, split), v => v.Rule == LayoutRule.ExpertParallel);
        Assert.Empty(LayoutRules.Check(qwen, training, 256, folded));
        Assert.Contains("etp=1", folded.ToString(), StringComparison.Ordinal);
        var gpu = c.Get<GpuSpec>("H100-SXM-80GB");
        var model = new PerformanceModel(qwen, training, gpu, FabricNetwork.DefaultNetwork(c, gpu, c.Get<NodeSpec>("dgx-h100"), 256));
        // Whole experts: ep 16 with etp 2 and ep 32 with etp 1 hold the same expert weights per GPU (E/ep/etp).
        var ep16 = model.Evaluate(split with { Ep = 16 });
        var ep32 = model.Evaluate(folded);
        Assert.Equal(ep16.WeightBytes, ep32.WeightBytes, 0);
    }
}
