namespace Kolosseum.Performance;

public sealed partial class PerformanceModel
{
    /// <summary>Forward and backward time of one GPU's layers for one micro-batch, split into compute and exposed communication.</summary>
    private struct StageCost
    {
        public double Compute, Recompute, Tp, Cp, Ep, Pp;
        public double Forward, Backward;

        /// <summary>Time the GPU's NIC is busy with this stage's TP, CP, EP and PP traffic (groups that leave the domain).</summary>
        public double Nic;

        public readonly double Total => Compute + Tp + Cp + Ep + Pp;
    }

    /// <summary>Per-layer terms that depend only on (tp, cp, ep, micro-batch, sp): computed once, reused across the other degrees.</summary>
    private LayerTerms PrepareTerms(in LayoutContext c)
    {
        var (cpFwd, cpBwd) = ContextParallel(in c);
        return new LayerTerms(
            new LayerKey(c.Tp, c.Cp, c.Ep, c.MicroBatch, c.Sp, c.Etp),
            _denseLayers > 0 ? LayerCompute(in c, moeLayer: false) : default,
            _moeLayers > 0 ? LayerCompute(in c, moeLayer: true) : default,
            TensorParallelPerCollective(in c), cpFwd, cpBwd, ExpertParallelPerAllToAll(in c),
            OutputLayerForward(in c), EmbeddingForward(in c));
    }

    private void EstimateTime(in LayoutContext c, in LayerTerms terms, ref StepEstimate r)
    {
        var dense = terms.Dense;
        var moe = terms.Moe;
        double tp = terms.TpPerCollective;
        double cpFwd = terms.CpForward, cpBwd = terms.CpBackward;
        double ep = terms.EpPerAllToAll;
        double output = terms.OutputForward;
        double embedding = terms.EmbeddingForward;

        // Pipeline point-to-point: one activation tensor per chunk boundary, forward and backward. Each TP rank
        // sends its 1/tp share (sequence-parallel shard, or Megatron's scatter/gather of the replicated tensor),
        // or the whole replicated tensor when the pipeline engine does not split it (TrainingSpec.PpScatterGather).
        double p2p = 0;
        if (c.Pp > 1)
        {
            double bytes = 2 * c.Tokens * _h / (c.Sp || _ppScatterGather ? c.Tp : 1);
            p2p = 2 * c.Vpp * PointToPoint(bytes, (long)c.Tp * c.Cp);
        }

        var first = Stage(in c, c.FirstDense, c.FirstLayers - c.FirstDense, dense, moe, tp, cpFwd, cpBwd, ep, p2p);
        first.Compute += 3 * embedding;
        var last = Stage(in c, LastDense(in c), c.LastLayers - LastDense(in c), dense, moe, tp, cpFwd, cpBwd, ep, p2p);
        // Multi-token-prediction modules sit after the output layer. The pipeline layouts that train them
        // (Megatron-Core's pipeline_model_parallel_layout in the DeepSeek-V3 recipes, DeepSeek's DualPipe)
        // give the last stage fewer decoder layers to carry them, so their work is spread over the stages.
        double mtp = MultiTokenPrediction(in c, in dense, in moe, output, ep);
        double mtpPerStage = mtp / c.Pp;
        first.Compute += mtpPerStage;
        last.Compute += 3 * output + mtpPerStage;
        var middle = Stage(in c, 0, c.MaxLayers, dense, moe, tp, cpFwd, cpBwd, ep, p2p);
        if (_moeLayers == 0) middle = Stage(in c, c.MaxLayers, 0, dense, moe, tp, cpFwd, cpBwd, ep, p2p);
        middle.Compute += mtpPerStage;

        StageCost bottleneck = first;
        if (last.Total > bottleneck.Total) bottleneck = last;
        if (c.Pp > 2 && middle.Total > bottleneck.Total) bottleneck = middle;
        if (c.Pp == 1)
        {
            // One stage holds everything: embedding, all layers and the output layer.
            bottleneck = Stage(in c, _denseLayers, _moeLayers, dense, moe, tp, cpFwd, cpBwd, ep, 0);
            bottleneck.Compute += 3 * embedding + 3 * output + mtp;
        }

        // Average work per GPU over the pipeline: the warm-up and cool-down bubble is (pp−1)/vpp of it. Each
        // backward in the warm-up and cool-down re-runs its forward first when activations are recomputed, so
        // the recomputation is part of the work the bubble waits for: the 1F1B bubble is (pp−1)·(t_f + t_b)
        // with t_b the backward as executed (Narayanan et al. 2021, §2.2; Korthikanti et al. 2022, §5).
        double totalWork = _denseLayers * (dense.Forward + dense.Backward) + _moeLayers * (moe.Forward + moe.Backward)
            + 3 * (embedding + output) + mtp + RecomputeWork(in c, in dense, in moe);
        double average = c.Pp == 1 ? bottleneck.Total : Math.Min(bottleneck.Total, totalWork / c.Pp + (bottleneck.Total - bottleneck.Compute));
        int m = c.MicroBatches;
        double pipeline = m * bottleneck.Total + (double)(c.Pp - 1) / c.Vpp * average;

        r.Compute = m * bottleneck.Compute;
        r.Recompute = m * bottleneck.Recompute;
        r.TpExposed = m * bottleneck.Tp;
        r.CpExposed = m * bottleneck.Cp;
        r.EpExposed = m * bottleneck.Ep;
        r.PpExposed = m * bottleneck.Pp;
        r.Bubble = pipeline - m * bottleneck.Total;

        var dp = DataParallel(in c, bottleneck, ref r);
        // One NIC, one budget: what the overlapped collectives hide behind compute, they hide behind the
        // same compute, so the time they need on the NIC together is a floor of the micro-batch's window.
        r.DpExposed += SharedNicWait(in c, in bottleneck, in dp);
        r.Optimizer = OptimizerStep(in c);
        r.StepTime = pipeline + r.DpExposed + r.Optimizer;
    }

    /// <summary>What recomputation re-runs over all the model's layers for one micro-batch.</summary>
    private double RecomputeWork(in LayoutContext c, in LayerCost dense, in LayerCost moe) => c.Recompute switch
    {
        Recompute.Full => _denseLayers * dense.Forward + _moeLayers * moe.Forward,
        Recompute.Selective => _denseLayers * dense.SelectiveRecompute + _moeLayers * moe.SelectiveRecompute,
        _ => 0,
    };

    private int LastDense(in LayoutContext c) => c.Pp == 1 ? _denseLayers : Math.Max(0, _denseLayers - (_layers - c.LastLayers));

    private StageCost Stage(in LayoutContext c, int denseLayers, int moeLayers, in LayerCost dense, in LayerCost moe,
        double tp, double cpFwd, double cpBwd, double ep, double p2p)
    {
        var s = new StageCost();
        int layers = denseLayers + moeLayers;
        double fwd = denseLayers * dense.Forward + moeLayers * moe.Forward;
        double bwd = denseLayers * dense.Backward + moeLayers * moe.Backward;
        double recompute = c.Recompute switch
        {
            Recompute.Full => fwd,
            Recompute.Selective => denseLayers * dense.SelectiveRecompute + moeLayers * moe.SelectiveRecompute,
            _ => 0,
        };
        s.Forward = fwd;
        s.Backward = bwd + recompute;
        s.Compute = fwd + bwd + recompute;
        s.Recompute = recompute;
        // Two all-reduce-sized TP collectives per layer forward (after attention and after the FFN; with SP
        // an all-gather plus a reduce-scatter each) and two backward; full recompute repeats the forward ones.
        int tpCollectives = c.Recompute == Recompute.Full ? 6 : 4;
        double tpTotal = layers * tpCollectives * tp;
        // The overlapped share hides behind the GEMMs that produce or consume the communicated tensors;
        // the overlap runs over NVLink (userbuffers), so a TP group that crosses domains gets none.
        double gemms = denseLayers * dense.Gemm + moeLayers * moe.Gemm;
        double overlap = GroupPlacement.Of(c.Tp, 1, _domain, _host).WithinDomain ? _tpOverlap : 0;
        s.Tp = tpTotal - Math.Max(Math.Min(overlap * tpTotal, 3 * gemms), TpHiddenByWeightGradients(in c, layers, tp, gemms));
        // Ring attention overlaps each exchange step with the attention of the chunk already held.
        double attnFwd = denseLayers * dense.AttentionForward + moeLayers * moe.AttentionForward;
        double attnBwd = denseLayers * dense.AttentionBackward + moeLayers * moe.AttentionBackward;
        double cpOverlap = c.Cp > 1 ? (double)(c.Cp - 1) / c.Cp : 0;
        s.Cp = Math.Max(0, layers * cpFwd - cpOverlap * attnFwd) + Math.Max(0, layers * cpBwd - cpOverlap * attnBwd);
        if (c.Recompute == Recompute.Full) s.Cp += Math.Max(0, layers * cpFwd - cpOverlap * attnFwd);
        // Dispatch and combine in each direction; full recompute repeats the forward pair. With overlap they
        // hide behind the MoE layers' computation, which loses the SMs the kernels occupy (PerformanceModel.Moe.cs).
        int a2a = c.Recompute == Recompute.Full ? 6 : 4;
        var (exposed, slowdown) = ExpertParallelExposed(moeLayers * a2a * ep, moeLayers * (moe.Forward + moe.Backward));
        s.Ep = exposed;
        s.Compute += slowdown;
        s.Pp = p2p;
        // NIC time: the traffic of the groups that leave the scale-up domain (hierarchical collectives and
        // exposed ones count whole: the NVLink share of an exposed collective leaves the NIC idle, which
        // only makes this a conservative floor).
        if (c.Tp > 1 && !GroupPlacement.Of(c.Tp, 1, _domain, _host).WithinDomain) s.Nic += tpTotal;
        if (c.Cp > 1 && !GroupPlacement.Of(c.Cp, c.Tp, _domain, _host).WithinDomain)
            s.Nic += layers * (cpFwd + cpBwd) + (c.Recompute == Recompute.Full ? layers * cpFwd : 0);
        if (c.Ep > 1 && !GroupPlacement.Of(c.Ep, c.Etp, _domain, _host).WithinDomain) s.Nic += s.Ep;
        if (c.Pp > 1 && (long)c.Tp * c.Cp >= _domain) s.Nic += s.Pp;
        return s;
    }

    /// <summary>
    /// TP traffic that runs while weight gradients compute (TrainingSpec.TpGradOverlap): in the backward of each of
    /// a layer's two column-parallel linears the input gradient is reduced asynchronously while the weight-gradient
    /// GEMM runs. Without SP that is the all-reduce, both backward collectives of the layer (2 of its 4
    /// all-reduce-sized units); with SP it is the reduce-scatter, while the all-gathers in the backward of the
    /// row-parallel linears stay between kernels (1 unit of 4; the input all-gather SP repeats for the weight
    /// gradient overlaps the input-gradient GEMM and is not counted). The forward collectives, and the forward
    /// recomputed with full recompute, are exposed. Each hides behind a weight-gradient GEMM as long as the
    /// forward GEMM of the same linear: at least half of a layer's linear time, which bounds what can hide.
    /// </summary>
    private double TpHiddenByWeightGradients(in LayoutContext c, int layers, double perCollective, double gemms)
    {
        if (!_tpGradOverlap || c.Tp <= 1) return 0;
        double units = c.Sp ? 1 : 2;
        return Math.Min(layers * units * perCollective, 0.5 * gemms);
    }

    /// <summary>
    /// Gradient reduction and (with a sharded optimizer) parameter gathering. Gradients are final only after
    /// the last micro-batch's backward, so only that backward can hide the reduction (bucket by bucket; the
    /// last bucket is always exposed), and only the first forward can hide the parameter all-gather.
    /// ZeRO-3 gathers parameters layer by layer in every micro-batch, prefetching behind compute.
    /// </summary>
    private DpTraffic DataParallel(in LayoutContext c, in StageCost stage, ref StepEstimate r)
    {
        int dpRanks = c.Dp * c.Cp;
        if (dpRanks <= 1)
        {
            r.DpExposed = 0;
            r.DpTotal = 0;
            return default;
        }
        var (denseParams, expertParams) = ParamsOnFirstGpu(in c);
        int expertRanks = c.ExpertDp;
        var denseGroup = DataParallelGroup(in c, dpRanks);
        var expertGroup = DataParallelGroup(in c, expertRanks);
        double gradBytes = _bpp.Gradients;
        int layers = Math.Max(1, c.FirstLayers);

        double reduce, gather, reduceNic, gatherNic;
        if (c.Zero == 0)
        {
            reduce = GroupAllReduce(denseParams * gradBytes, denseGroup) + GroupAllReduce(expertParams * gradBytes, expertGroup);
            reduceNic = InterAllReduce(denseParams * gradBytes, denseGroup) + InterAllReduce(expertParams * gradBytes, expertGroup);
            gather = 0;
            gatherNic = 0;
        }
        else
        {
            reduce = GroupReduceScatter(denseParams * gradBytes, denseGroup) + GroupReduceScatter(expertParams * gradBytes, expertGroup);
            reduceNic = InterReduceScatter(denseParams * gradBytes, denseGroup) + InterReduceScatter(expertParams * gradBytes, expertGroup);
            gather = GroupReduceScatter(denseParams * 2, denseGroup) + GroupReduceScatter(expertParams * 2, expertGroup);
            gatherNic = InterReduceScatter(denseParams * 2, denseGroup) + InterReduceScatter(expertParams * 2, expertGroup);
        }
        // Without overlap the whole reduction waits for the last backward to finish (TrainingSpec.DpOverlap).
        double exposedReduce = _dpOverlap ? Math.Max(reduce / layers, reduce - stage.Backward) : reduce;
        double exposedGather;
        double total = reduce + gather;
        if (c.Zero == 3)
        {
            // Forward and backward each gather every layer's weights, every micro-batch.
            double perPass = gather;
            total = reduce + 2 * perPass * c.MicroBatches;
            exposedGather = c.MicroBatches * (Math.Max(perPass / layers, perPass - stage.Forward) + Math.Max(perPass / layers, perPass - stage.Backward));
        }
        else
        {
            exposedGather = gather > 0 ? (_dpOverlap ? Math.Max(gather / layers, gather - stage.Forward) : gather) : 0;
        }
        r.DpTotal = total;
        r.DpExposed = exposedReduce + exposedGather;
        return c.Zero == 3
            ? new DpTraffic(reduceNic, exposedReduce, 0, 0, 2 * gatherNic, exposedGather / c.MicroBatches)
            : new DpTraffic(reduceNic, exposedReduce, gatherNic, exposedGather, 0, 0);
    }

    /// <summary>
    /// NIC time of the data-parallel traffic and the part of it already exposed: the gradient reduction in
    /// the last micro-batch, the ZeRO-1/2 weight gather in the first, ZeRO-3's gathers in every one.
    /// </summary>
    private readonly record struct DpTraffic(double ReduceNic, double ReduceExposed, double GatherNic, double GatherExposed,
        double PerMicroBatchNic, double PerMicroBatchExposed);

    /// <summary>
    /// The wait for a shared NIC: in each micro-batch the NIC must carry the stage's CP, EP, PP and off-domain TP
    /// traffic and ZeRO-3's gathers, the first one also the ZeRO-1/2 weight gather and the last one the gradient
    /// reduction; overlap hides traffic behind compute, never behind other traffic on the same link, so a
    /// micro-batch lasts at least as long as its NIC is busy. Returns the time this adds beyond the exposures
    /// already counted (booked with the data-parallel communication, the traffic the framework prefetches).
    /// </summary>
    private static double SharedNicWait(in LayoutContext c, in StageCost stage, in DpTraffic dp)
    {
        double window = stage.Total + dp.PerMicroBatchExposed;
        double nic = stage.Nic + dp.PerMicroBatchNic;
        int m = c.MicroBatches;
        if (m <= 1) return Math.Max(0, nic + dp.GatherNic + dp.ReduceNic - (window + dp.GatherExposed + dp.ReduceExposed));
        double regular = Math.Max(0, nic - window);
        double first = Math.Max(0, nic + dp.GatherNic - (window + dp.GatherExposed));
        double last = Math.Max(0, nic + dp.ReduceNic - (window + dp.ReduceExposed));
        return (m - 2) * regular + first + last;
    }

    /// <summary>Adam on the local shard: fp32 master, two moments, the fp32 gradient in; 16-bit weights out (30 bytes per parameter).</summary>
    private double OptimizerStep(in LayoutContext c)
    {
        var (denseParams, expertParams) = ParamsOnFirstGpu(in c);
        int dpRanks = c.Dp * c.Cp;
        double local = c.Zero >= 1 ? denseParams / dpRanks + expertParams / c.ExpertDp : denseParams + expertParams;
        return 30 * local / _hbm + 20 * _kernel;
    }
}
