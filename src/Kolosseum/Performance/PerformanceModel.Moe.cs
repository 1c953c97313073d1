using System.Runtime.CompilerServices;

namespace Kolosseum.Performance;

/// <summary>
/// Mixture-of-experts terms (docs/performance-model.md, "Mixture of experts"): the routed experts as one
/// grouped GEMM, routing load, dispatch and combine with NCCL all-to-all or DeepEP-class kernels, their
/// overlap with computation, multi-token prediction and the FP8 recipes' scale traffic.
/// </summary>
public sealed partial class PerformanceModel
{
    /// <summary>
    /// DeepEP's measured bottleneck bandwidths on H800 (deepseek-ai/DeepEP README, normal kernels, DeepSeek-V3
    /// pre-training setting): 153-158 GB/s over NVLink of the 200 GB/s per direction, and 43-58 GB/s of RDMA
    /// per 400 Gb/s (50 GB/s) ConnectX-7 across 16-64 ranks. Taken as fractions of the raw link rates.
    /// </summary>
    internal const double DeepEpNvlinkEfficiency = 153.0 / 200.0, DeepEpRdmaEfficiency = 43.0 / 50.0;

    /// <summary>
    /// SMs the communication kernels occupy while they overlap computation: DeepSeek-V3 Sec 3.2.2 ("only 20 SMs
    /// are sufficient to fully utilize the bandwidths of IB and NVLink") on the 132 SMs of an H800.
    /// </summary>
    internal const double OverlapSms = 20;

    /// <summary>
    /// Routed experts on one GPU for one micro-batch: E/ep local experts run as one grouped GEMM per matrix
    /// (Transformer Engine GroupedLinear, DeepGEMM's grouped layouts), each expert receiving its share of the
    /// routed tokens times the load factor of the busiest rank. The grouped GEMM fills the SMs with the tiles
    /// of all experts together, launches one GEMM per expert on four streams, and reads every local expert's
    /// weights once: with few tokens per expert (fine-grained experts, large ep) the weight reads, not the
    /// FLOPs, set its time.
    /// </summary>
    private double Experts(in LayoutContext c)
    {
        double localExperts = (double)_experts / c.Ep;
        double perExpert = c.DispatchTokens * _topk * c.Ep / _experts * _moeOptions.LoadFactor;
        double up = GroupedGemm(localExperts, perExpert, _h, _expertFfn * (_gated ? 2 : 1) / c.Etp);
        double down = GroupedGemm(localExperts, perExpert, _expertFfn / c.Etp, _h);
        return up + down;
    }

    /// <summary>Compute streams Transformer Engine spreads a grouped GEMM's per-group GEMMs over.</summary>
    internal const double GroupedGemmStreams = 4;

    /// <summary>
    /// A grouped GEMM of <paramref name="groups"/> problems C[m×n] = A[m×k]·B_g[k×n]: compute at the layer GEMM
    /// efficiency with the wave efficiency of all groups' tiles together, or the memory traffic (every group's
    /// weights, all inputs and outputs), whichever is slower, and ⌈groups/4⌉ launches one after another: Transformer
    /// Engine's grouped GEMM, which Megatron-Core's TEGroupedMLP runs, issues one cuBLAS GEMM per group, round-robin on
    /// its 4 compute streams (te_general_grouped_gemm: "we only have multi-stream cublas backend";
    /// nvte_multi_stream_cublas_gemm; num_compute_streams = 4 in common/util/multi_stream.cpp), so each stream pays
    /// the launch and tail of ⌈groups/4⌉ GEMMs while the streams together keep the SMs filled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double GroupedGemm(double groups, double m, double k, double n)
    {
        if (m <= 0) return 0;
        double tiles = groups * Math.Ceiling(m / Tile) * Math.Ceiling(n / Tile);
        double waves = Math.Ceiling(tiles / _sms);
        double wave = groups * m * n / (waves * _sms * Tile * Tile);
        double flops = 2 * groups * m * k * n;
        double compute = flops / (_peakLayer * _effLayer * wave * (k / (k + _halfDim)));
        double memory = (_layerOperandBytes * (groups * m * k + groups * k * n) + 2 * groups * m * n) / _hbm;
        return Math.Max(compute, memory) + Math.Ceiling(groups / GroupedGemmStreams) * _kernel;
    }

    /// <summary>
    /// One dispatch-and-combine pair of one MoE layer per micro-batch, halved (four per layer per training step:
    /// dispatch and combine forward, their gradients backward).
    /// </summary>
    internal double ExpertParallelPerAllToAll(in Layout layout) => ExpertParallelPerAllToAll(new LayoutContext(this, layout));

    private double ExpertParallelPerAllToAll(in LayoutContext c)
    {
        if (c.Ep <= 1) return 0;
        var group = GroupPlacement.Of(c.Ep, c.Etp, _domain, _host);
        double tokens = c.DispatchTokens * _moeOptions.LoadFactor;
        if (_moeOptions.Dispatcher == MoeDispatcher.AllToAll)
        {
            // Every routed copy on its own, in 16-bit, both ways.
            double bytes = 2 * tokens * _topk * _h;
            return GroupAllToAll(bytes, group);
        }
        // DeepEP: FP8 dispatch when the layers run FP8 (with one fp32 scale per 128 values; DeepSeek-V3 Sec 3.3.4
        // also sends the gradients before the down-projection in FP8), 16-bit combine.
        double dispatchBytes = _fp8 ? 1 + 4.0 / 128 : 2;
        double pair = DeepEpTransfer(tokens, dispatchBytes, group) + DeepEpTransfer(tokens, 2, group);
        return pair / 2;
    }

    /// <summary>
    /// One DeepEP dispatch or combine: each token crosses the network once per remote node that holds one of its
    /// experts (node-limited routing caps the nodes), then NVLink forwards its copies inside the node.
    /// </summary>
    private double DeepEpTransfer(double tokens, double bytesPerValue, in GroupPlacement g)
    {
        double copies = tokens * _topk * _h * bytesPerValue;
        int k = Math.Min(g.PerDomain, g.Size);
        double nvlinkBw = _network.ScaleUpBandwidth.Value * DeepEpNvlinkEfficiency;
        double local = copies * (k - 1) / k / nvlinkBw;
        if (g.WithinDomain) return local + _scaleUpAlpha;
        int nodes = g.Domains;
        // Expected distinct nodes among top-k experts spread evenly over the group's nodes, or the routing's cap.
        double distinct = nodes * (1 - Math.Pow(1 - 1.0 / nodes, _topk));
        if (_maxNodes > 0) distinct = Math.Min(distinct, _maxNodes);
        double remote = tokens * _h * bytesPerValue * distinct * (nodes - 1) / nodes;
        // The fabric's all-to-all bandwidth relative to its collective rate carries the oversubscription.
        double rdmaBw = _network.ScaleOutBandwidth.Value * DeepEpRdmaEfficiency * (AllToAllBandwidth(g) / _scaleOutBw);
        return Math.Max(local, remote / rdmaBw) + _scaleOutAlpha + _scaleUpAlpha;
    }

    /// <summary>
    /// Exposed expert-parallel time of a stage and the computation it slows: without overlap all of it is
    /// exposed; with overlap it hides behind the MoE layers' computation of the other micro-batch, which runs on
    /// the SMs the communication kernels leave (SMs − 20 of them) for as long as the two overlap.
    /// </summary>
    private (double Exposed, double Slowdown) ExpertParallelExposed(double communication, double moeCompute)
    {
        if (!_moeOptions.Overlap || communication <= 0) return (communication, 0);
        double hidden = Math.Min(communication, moeCompute);
        double slowdown = hidden * OverlapSms / Math.Max(1, _sms - OverlapSms);
        return (communication - hidden, slowdown);
    }

    /// <summary>
    /// Scale traffic of the finer FP8 recipes beyond the per-tensor one the FP8 calibration rows ran: blockwise
    /// writes and reads one fp32 scale per 128 values of every quantised GEMM input, MXFP8 one byte per 32.
    /// </summary>
    private double Fp8ScaleBytes(in LayoutContext c, bool moeLayer)
    {
        if (!_fp8 || _moeOptions.Fp8Recipe == Fp8Recipe.Tensorwise) return 0;
        double perValue = _moeOptions.Fp8Recipe == Fp8Recipe.Blockwise ? 4.0 / 128 : 1.0 / 32;
        double t = c.Tokens;
        double inputs = t * (2 * _h + _a * _dv / c.Tp);
        inputs += moeLayer
            ? c.DispatchTokens * _topk * (_h + _expertFfn / c.Etp) + t * _shared * _sharedFfn / c.Tp
            : t * _f / c.Tp;
        // Written by the quantiser and read by the GEMM, forward; the backward quantises the gradients likewise.
        return 2 * perValue * inputs;
    }

    /// <summary>
    /// FP8 casts of the routed experts' two grouped-GEMM inputs per micro-batch, forward: each value is read twice in
    /// 16-bit (current scaling's amax, then the cast) and written twice in FP8 (row-wise for the GEMM, column-wise for
    /// the weight gradient, which the FP8 tensor cores want K-major), 6 bytes; the backward casts the two output
    /// gradients, about as large, which the memory-bound term's doubling carries. Quantisation is a separate
    /// memory-bound pass over the expert inputs until it is fused into the GEMMs (NVIDIA technical blog, "Boosting
    /// MoE Training Throughput with Advanced Fusion Kernels", 2026: one of the MoE block's three bottlenecks). The
    /// dense calibration rows' own casts are folded into matmul_fp8 per FLOP; routed experts do far fewer FLOPs per
    /// cast value (768-wide Qwen3-30B experts against 14,336-wide dense FFNs), so theirs are counted apart. With
    /// DeepEP the dispatch already travels in FP8: the up-projection's input is cast once per token, before the copies.
    /// </summary>
    internal double Fp8ExpertCastBytes(in Layout layout) => Fp8ExpertCastBytes(new LayoutContext(this, layout));

    private double Fp8ExpertCastBytes(in LayoutContext c)
    {
        if (!_fp8 || _moeLayers == 0) return 0;
        double copies = c.DispatchTokens * _topk * _moeOptions.LoadFactor;
        double upInput = (_moeOptions.Dispatcher == MoeDispatcher.DeepEp ? c.DispatchTokens : copies) * _h;
        double downInput = copies * _expertFfn / c.Etp;
        return Fp8CastBytesPerValue * (upInput + downInput);
    }

    /// <summary>
    /// The NCCL all-to-all dispatcher's second permutation per micro-batch, forward: the received copies arrive grouped
    /// by source rank, each rank's chunk holding tokens for every local expert, so with more than one local expert
    /// Megatron-Core sorts the chunks by local expert before the grouped GEMM ("Permutation 2", sort_chunks_by_idxs in
    /// MoEAlltoAllTokenDispatcher, megatron/core/transformer/moe/token_dispatcher.py; with drop-and-pad a transpose and
    /// copy) and sorts them back before the combine: each pass reads and writes every received copy in 16-bit,
    /// 8 bytes per value for the pair, beside the permute and unpermute around the exchange (MemoryBoundBytes). The
    /// DeepEP (flex) dispatcher receives the tokens once per destination and permutes them once by expert, so it has no
    /// second pass; nor has a single rank's exchange (ep 1), whose chunks are already in order.
    /// </summary>
    internal double AllToAllSortBytes(in Layout layout) => AllToAllSortBytes(new LayoutContext(this, layout));

    private double AllToAllSortBytes(in LayoutContext c)
    {
        if (!AllToAllSorts(in c)) return 0;
        double received = c.DispatchTokens * _topk * _moeOptions.LoadFactor;
        return 8 * received * _h;
    }

    /// <summary>The sort and the sort back: one fused kernel each (moe_permute_fusion), forward.</summary>
    private int AllToAllSortLaunches(in LayoutContext c) => AllToAllSorts(in c) ? 2 : 0;

    private bool AllToAllSorts(in LayoutContext c) =>
        _moeLayers > 0 && _moeOptions.Dispatcher == MoeDispatcher.AllToAll && c.Ep > 1 && _experts / c.Ep > 1;

    /// <summary>Bytes an FP8 cast moves per value: two 16-bit reads (amax, cast) and two FP8 writes (row- and column-wise).</summary>
    internal const double Fp8CastBytesPerValue = 2 + 2 + 1 + 1;

    /// <summary>
    /// Multi-token prediction on the last stage, per micro-batch, forward and backward: each module is one more
    /// (MoE) transformer layer, a projection of the concatenated [h; embedding] to h, and another output head
    /// and loss (DeepSeek-V3 Sec 2.2).
    /// </summary>
    private double MultiTokenPrediction(in LayoutContext c, in LayerCost dense, in LayerCost moe, double output, double epPair)
    {
        if (_mtp == 0) return 0;
        var layer = _moeLayers > 0 ? moe : dense;
        double projection = Gemm(c.Tokens, 2 * _h, _h / c.Tp, _peak16, _eff16, 2);
        double ep = _moeLayers > 0 ? ExpertParallelExposed(4 * epPair, layer.Forward + layer.Backward).Exposed : 0;
        return _mtp * (layer.Forward + layer.Backward + 3 * projection + 3 * output + ep);
    }
}
