using Kolosseum.Hardware;
using Kolosseum.Performance;

namespace Kolosseum.Tests.Performance;

/// <summary>Closed forms the model reproduces exactly (Korthikanti et al. 2022, Table 2; Narayanan et al. 2021).</summary>
public class PerformanceModelTests
{
    [Theory]
    // s·b·h·(10 + 24/t + 5·a·s/(h·t)) per layer, TP without SP, no recompute, standard attention.
    [InlineData(false, Recompute.None, 10 + 24.0 / 8, true)]
    // TP + SP + selective: s·b·h·34/t.
    [InlineData(true, Recompute.Selective, 34.0 / 8, false)]
    // Full recompute: 2·s·b·h per layer (layer input), divided by t with SP.
    [InlineData(true, Recompute.Full, 2.0 / 8, false)]
    public void Activation_memory_per_layer_matches_korthikanti(bool sp, Recompute recompute, double perSbh, bool scores)
    {
        var pm = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 8, 8, Precision.Fp16, seq: 2048, attention: AttentionKernel.Standard);
        var m = pm.Model;
        int b = 1, t = 8;
        var layout = new Layout(t, 1, 1, 1, 1, 1, 0, sp, recompute, b);
        double s = 2048, h = m.Hidden, a = m.Heads;
        double expectedPerLayer = s * b * h * (perSbh + (scores ? 5 * a * s / (h * t) : 0));
        var e = pm.Evaluate(layout);
        // Subtract what is not per layer: with one stage, the final norm and the fp32 logits of the loss.
        double replicated = sp ? 1.0 / t : 1;
        double extras = 4 * s * b * h * replicated + 4 * s * b * m.Vocab / t;
        Assert.Equal(expectedPerLayer * m.Layers, e.ActivationBytes - extras, expectedPerLayer * 1e-9);
    }

    [Fact]
    public void Interleaving_multiplies_first_stage_activations_by_one_plus_p_minus_one_over_pv()
    {
        var pm = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 64, 64, Precision.Fp16, attention: AttentionKernel.Standard);
        var plain = new Layout(8, 8, 1, 1, 1, 1, 0, true, Recompute.Selective, 1);
        var interleaved = plain with { Vpp = 3 };
        double a = pm.Evaluate(plain).ActivationBytes;
        double b = pm.Evaluate(interleaved).ActivationBytes;
        Assert.Equal(1 + 7.0 / (8 * 3), b / a, 9);
    }

    [Fact]
    public void Weights_gradients_and_optimizer_take_18_bytes_per_parameter_in_fp16()
    {
        var pm = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 64, 64, Precision.Fp16);
        var e = pm.Evaluate(new Layout(8, 8, 1, 1, 1, 1, 0, true, Recompute.Selective, 1));
        Assert.Equal(2.0, e.GradientBytes / e.WeightBytes, 9);
        Assert.Equal(6.0, e.OptimizerBytes / e.WeightBytes, 9);
    }

    [Fact]
    public void Pipeline_bubble_follows_p_minus_one_over_m_for_even_stages()
    {
        var pm = PerformanceFixture.Model("gpt3-175b", "H100-SXM-80GB", 512, 512);
        var e = pm.Evaluate(new Layout(8, 8, 1, 8, 1, 1, 1, true, Recompute.None, 1));
        int m = 512 / 8;
        double perMicroBatch = (e.Compute + e.TpExposed + e.PpExposed) / m;
        // The middle stage is the slowest (the first and last carry embedding and output): the bubble is
        // (p-1) average stages, a little below (p-1) bottleneck stages.
        Assert.InRange(e.Bubble, 0.9 * 7 * perMicroBatch, 7 * perMicroBatch * 1.0001);
    }

    [Theory]
    [InlineData(Recompute.Full)]
    [InlineData(Recompute.Selective)]
    public void The_bubble_waits_for_the_recomputation_too(Recompute recompute)
    {
        // In warm-up and cool-down each backward re-runs its forward first, so the 1F1B bubble is (p−1) stage
        // times as executed, recomputation included (Narayanan et al. 2021, §2.2: (p−1)·(t_f + t_b)).
        var pm = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 512, 512, Precision.Fp16, attention: AttentionKernel.Standard);
        var e = pm.Evaluate(new Layout(8, 8, 1, 8, 1, 1, 1, true, recompute, 1));
        int m = 512 / 8;
        Assert.True(e.Recompute > 0);
        double perMicroBatch = (e.Compute + e.TpExposed + e.PpExposed) / m;
        Assert.InRange(e.Bubble, 0.9 * 7 * perMicroBatch, 7 * perMicroBatch * 1.0001);
        var none = pm.Evaluate(new Layout(8, 8, 1, 8, 1, 1, 1, true, Recompute.None, 1));
        Assert.True(e.Bubble - none.Bubble >= 0.9 * 7 * e.Recompute / m, $"{e.Bubble} vs {none.Bubble}");
    }

    [Theory]
    [InlineData(false, Recompute.None, 2.0 / 4)]
    [InlineData(true, Recompute.None, 3.0 / 4)]
    [InlineData(true, Recompute.Selective, 3.0 / 4)]
    [InlineData(false, Recompute.Full, 4.0 / 6)]
    [InlineData(true, Recompute.Full, 5.0 / 6)]
    public void Input_gradient_collectives_hide_behind_the_weight_gradients(bool sp, Recompute recompute, double exposedShare)
    {
        // Megatron-LM 2022 (megatron/mpu/layers.py, ColumnParallelLinearWithAsyncAllreduce and
        // ColumnParallelLinearWithSequenceParallelism): the backward of QKV and of the first FFN matrix reduces the
        // input gradient while the weight-gradient GEMM runs. Of a layer's 4 all-reduce-sized TP units (6 with full
        // recompute) that hides both backward all-reduces without SP and the two reduce-scatters (1 unit) with SP;
        // the forward and recomputed forward collectives stay exposed. The A100 has no userbuffers overlap
        // (tp_overlap 0), and GPT-3's collectives are far shorter than its weight-gradient GEMMs, so the shares are exact.
        var async = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 64, 64, Precision.Fp16, attention: AttentionKernel.Standard);
        var serial = new PerformanceModel(async.Model, async.Training with { TpGradOverlap = false }, async.Gpu, async.Network);
        var layout = new Layout(8, 8, 1, 1, 1, 1, 0, sp, recompute, 1);
        var a = async.Evaluate(layout);
        var b = serial.Evaluate(layout);
        Assert.True(b.TpExposed > 0);
        Assert.Equal(exposedShare, a.TpExposed / b.TpExposed, 9);
        Assert.Equal(b.Compute, a.Compute, 9);
        // The stage time falls by the hidden share in each of the m micro-batches and in each of the (pp - 1)
        // stage times of the 1F1B bubble: T = (m + pp - 1) · t_stage here (vpp 1, one data-parallel rank).
        int m = 64, pp = 8;
        Assert.Equal((b.TpExposed - a.TpExposed) * (m + pp - 1.0) / m, b.StepTime - a.StepTime, 9);
    }

    [Fact]
    public void Without_scatter_gather_every_tp_rank_sends_the_whole_activation_to_the_next_stage()
    {
        // DeepSpeed's pipeline engine sends each TP rank's full outputs (p2p.send in _exec_send_activations);
        // Megatron splits the replicated activation over the TP ranks (scatter/gather, Narayanan et al. 2021,
        // Sec 4.1), and with SP it is a 1/tp shard anyway. MT-NLG-like: tp 8, pp 35, m = 240 on 2,240 A100.
        var split = PerformanceFixture.Model("mtnlg-530b", "A100-SXM-80GB", 2240, 1920, Precision.Bf16, attention: AttentionKernel.Standard);
        var whole = new PerformanceModel(split.Model, split.Training with { PpScatterGather = false }, split.Gpu, split.Network);
        var noSp = new Layout(8, 35, 1, 8, 1, 1, 1, false, Recompute.Full, 1);
        var sp = noSp with { SequenceParallel = true };
        var a = split.Evaluate(noSp);
        var b = whole.Evaluate(noSp);
        Assert.True(b.PpExposed > 2 * a.PpExposed, $"{b.PpExposed} vs {a.PpExposed}");
        // Only the sends change: the stage grows by the extra send time in each of the m micro-batches and the
        // (pp - 1) stage times of the 1F1B bubble.
        int m = 1920 / 8, pp = 35;
        Assert.Equal(a.Compute, b.Compute, 9);
        Assert.Equal(a.TpExposed, b.TpExposed, 9);
        Assert.Equal((b.PpExposed - a.PpExposed) * (m + pp - 1.0) / m, (b.StepTime - b.DpExposed) - (a.StepTime - a.DpExposed), 6);
        // With SP the activation between stages is already a 1/tp shard: the engine makes no difference, and it
        // is as large as the scattered replicated one.
        Assert.Equal(split.Evaluate(sp).PpExposed, whole.Evaluate(sp).PpExposed, 12);
        Assert.Equal(a.PpExposed, split.Evaluate(sp).PpExposed, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Without_overlap_the_whole_data_parallel_reduction_follows_the_last_backward(int zero)
    {
        // Megatron-LM's local DDP (2021) and DeepSpeed's pipeline engine reduce gradients after the last backward
        // of the step (and gather ZeRO-1 weights before the next forward): nothing of it hides behind compute.
        var overlapped = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 512, 512, Precision.Fp16, attention: AttentionKernel.Standard);
        var serial = new PerformanceModel(overlapped.Model, overlapped.Training with { DpOverlap = false }, overlapped.Gpu, overlapped.Network);
        var layout = new Layout(8, 8, 1, 8, 1, 1, zero, true, Recompute.Selective, 1);
        var a = overlapped.Evaluate(layout);
        var b = serial.Evaluate(layout);
        Assert.True(a.DpTotal > 0);
        Assert.Equal(a.DpTotal, b.DpTotal, 12);
        Assert.True(a.DpExposed < a.DpTotal);
        Assert.Equal(b.DpTotal, b.DpExposed, 9);
        // Only the data-parallel part of the step changes.
        Assert.Equal(a.StepTime - a.DpExposed, b.StepTime - b.DpExposed, 9);
    }

    [Fact]
    public void A_layout_that_does_not_fit_explains_its_memory()
    {
        var pm = PerformanceFixture.Model("llama3.1-405b", "H100-SXM-80GB", 8, 8);
        var layout = new Layout(8, 1, 1, 1, 1, 1, 0, true, Recompute.None, 1);
        var report = StepReport.From(pm, layout, pm.Evaluate(layout));
        Assert.False(report.Fits);
        Assert.StartsWith("needs ", report.DoesNotFitMessage(), StringComparison.Ordinal);
        Assert.Contains("of 80.0 GiB", report.DoesNotFitMessage());
    }

    [Fact]
    public void Tensor_parallelism_across_nodes_pays_the_network()
    {
        var pm = PerformanceFixture.Model("llama3.1-405b", "H100-SXM-80GB", 1024, 1024);
        var inNode = pm.Evaluate(new Layout(8, 8, 1, 16, 1, 1, 1, true, Recompute.Full, 1));
        var acrossNodes = pm.Evaluate(new Layout(16, 4, 1, 16, 1, 1, 1, true, Recompute.Full, 1));
        Assert.True(acrossNodes.TpExposed > 3 * inNode.TpExposed);
    }
}
