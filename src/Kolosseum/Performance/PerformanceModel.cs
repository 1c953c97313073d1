using Kolosseum.Hardware;
using Kolosseum.Workload;

namespace Kolosseum.Performance;

/// <summary>
/// The analytical performance model: step time, memory and MFU of a layout for one model, training run,
/// GPU and network (docs/performance-model.md has every equation). Everything that does not depend on
/// the layout is computed once here; <see cref="Evaluate"/> is the hot path of the search: plain double
/// arithmetic, no allocation.
/// </summary>
public sealed partial class PerformanceModel
{
    private readonly ModelSpec _model;
    private readonly TrainingSpec _training;
    private readonly GpuSpec _gpu;
    private readonly ClusterNetwork _network;
    private readonly ModelCounts _counts;

    // Shape.
    private readonly double _h, _a, _g, _dqk, _dv, _f, _vocab, _seq, _batch;
    private readonly bool _gated, _mla, _moe, _flash, _causal, _fp8, _dropout, _dpOverlap, _tpGradOverlap, _ppScatterGather;
    private readonly int _layers, _denseLayers, _moeLayers, _experts, _topk;
    private readonly double _expertFfn, _sharedFfn, _shared;
    private readonly int _mtp, _maxNodes;
    private readonly MoeOptions _moeOptions;

    // Hardware.
    private readonly double _peak16, _peakLayer, _effLayer, _eff16, _halfDim, _effFlash, _hbm, _kernel;
    private readonly double _scaleUpBw, _scaleUpAlpha, _scaleOutBw, _scaleOutAlpha, _tpOverlap;
    private readonly int _domain, _host;
    private readonly double _sms;

    // Network levels as arrays: the hot path must not enumerate interfaces (that allocates).
    private readonly long[] _levelSpan;
    private readonly double[] _levelOversubscription;
    private readonly double _capacity, _reserve, _fragmentation;
    private readonly BytesPerParameter _bpp;
    private readonly double _layerOperandBytes;

    // Per-token FLOP counts for MFU/HFU (PaLM convention: non-causal attention, no recompute).
    private readonly double _modelFlopsPerToken, _attentionCoreFwdFlopsPerToken, _forwardFlopsPerToken;

    public PerformanceModel(ModelSpec model, TrainingSpec training, GpuSpec gpu, ClusterNetwork network)
    {
        _model = model;
        _training = training;
        _gpu = gpu;
        _network = network;
        _counts = WorkloadMath.Count(model);
        var (qk, v) = WorkloadMath.AttentionHeadDims(model);
        _h = model.Hidden;
        _a = model.Heads;
        _g = model.Mla is null ? model.KvHeads : model.Heads;
        _dqk = qk;
        _dv = v;
        _f = model.FfnHidden;
        _vocab = model.Vocab;
        _seq = training.SeqLen;
        _batch = training.GlobalBatch;
        _gated = model.IsGated;
        _mla = model.Mla is not null;
        _moe = model.Moe is not null;
        _flash = training.Attention == AttentionKernel.Flash;
        _causal = true;
        _dropout = model.Dropout > 0;
        _fp8 = training.Precision == Precision.Fp8;
        _layers = model.Layers;
        _moeLayers = model.MoeLayers;
        _denseLayers = model.Layers - model.MoeLayers;
        _experts = model.Moe?.Experts ?? 1;
        _topk = model.Moe?.TopK ?? 1;
        _expertFfn = model.Moe?.ExpertFfnHidden ?? 0;
        _sharedFfn = model.Moe?.SharedFfnHidden ?? 0;
        _shared = model.Moe?.SharedExperts ?? 0;
        _mtp = model.MtpLayers;
        _maxNodes = model.Moe?.MaxNodesPerToken ?? 0;
        _moeOptions = training.Moe;
        _dpOverlap = training.DpOverlap;
        _tpGradOverlap = training.TpGradOverlap;
        _ppScatterGather = training.PpScatterGather;

        var e = gpu.Efficiency;
        _peak16 = training.Precision == Precision.Fp16 ? gpu.PeakFp16.Value : gpu.PeakBf16.Value;
        _eff16 = e.Matmul;
        // FP8 applies to the transformer layers' matrix multiplies; attention and the output layer stay 16-bit.
        _peakLayer = _fp8 ? gpu.Peak(Precision.Fp8).Value : _peak16;
        _effLayer = _fp8 ? e.MatmulFp8 : e.Matmul;
        _layerOperandBytes = _fp8 ? 1 : 2;
        _halfDim = e.MatmulHalfDim;
        _sms = gpu.StreamingMultiprocessors;
        _effFlash = e.FlashAttention;
        _hbm = gpu.HbmBandwidth.Value * e.Memory;
        _kernel = e.KernelOverhead.Seconds;
        _tpOverlap = e.TpOverlap;
        _domain = network.ScaleUpDomain;
        _host = network.ScaleUpHost;
        _scaleUpBw = network.ScaleUpBandwidth.Value * network.ScaleUpEfficiency;
        _scaleUpAlpha = network.ScaleUpLatency.Seconds;
        _scaleOutBw = network.ScaleOutBandwidth.Value * network.ScaleOutEfficiency;
        _scaleOutAlpha = network.ScaleOutLatency.Seconds;
        _levelSpan = [.. network.Levels.Select(l => l.GpusWithin)];
        _levelOversubscription = [.. network.Levels.Select(l => l.Oversubscription)];
        _capacity = gpu.Hbm.Value;
        _reserve = e.MemoryReserve.Value;
        _fragmentation = e.AllocatorOverhead;
        _bpp = BytesPerParameter.For(training.Precision);

        _attentionCoreFwdFlopsPerToken = model.Layers * WorkloadMath.AttentionCoreForwardFlopsPerToken(model, training.SeqLen, causal: false);
        _modelFlopsPerToken = WorkloadMath.TrainingFlopsPerToken(model, _counts, training.SeqLen, causal: false);
        _forwardFlopsPerToken = WorkloadMath.ForwardFlopsPerToken(model, _counts, training.SeqLen, causal: false);
    }

    public ModelSpec Model => _model;

    /// <summary>The same model, hardware and network with the run at another global batch (sequences).</summary>
    public PerformanceModel AtBatch(int batch) => batch == _training.GlobalBatch ? this : new PerformanceModel(_model, _training.AtBatch(batch), _gpu, _network);
    public TrainingSpec Training => _training;
    public GpuSpec Gpu => _gpu;
    public ClusterNetwork Network => _network;
    public ModelCounts Counts => _counts;

    /// <summary>Model FLOPs per token in the PaLM convention (6N + 12·l·s·h, non-causal, no recompute).</summary>
    public double ModelFlopsPerToken => _modelFlopsPerToken;

    /// <summary>Estimates one layout. The layout must satisfy <see cref="LayoutRules"/> (the caller checks).</summary>
    public StepEstimate Evaluate(in Layout layout)
    {
        var c = new LayoutContext(this, layout);
        var terms = PrepareTerms(in c);
        return Evaluate(in c, in terms);
    }

    /// <summary>
    /// The per-layer kernel and collective times of a layout; they depend only on tp, cp, ep, the micro-batch and
    /// sequence parallelism, so a search computes them once and evaluates every pp, vpp, dp, ZeRO stage and
    /// recompute choice against them.
    /// </summary>
    public LayerTerms Prepare(in Layout layout)
    {
        var c = new LayoutContext(this, layout);
        return PrepareTerms(in c);
    }

    /// <summary>Estimates a layout from terms prepared for the same tp, cp, ep, micro-batch and sp.</summary>
    public StepEstimate Evaluate(in Layout layout, in LayerTerms terms)
    {
        if (!terms.Key.Matches(layout)) throw new ArgumentException("the prepared terms belong to another tp, cp, ep, micro-batch or sp", nameof(terms));
        var c = new LayoutContext(this, layout);
        return Evaluate(in c, in terms);
    }

    private StepEstimate Evaluate(in LayoutContext c, in LayerTerms terms)
    {
        var r = new StepEstimate();
        var layout = c.Layout;
        EstimateTime(in c, in terms, ref r);
        EstimateMemory(in c, ref r);
        double tokens = _batch * _seq;
        r.TokensPerSecond = tokens / r.StepTime;
        r.ModelFlopsPerStep = _modelFlopsPerToken * tokens;
        r.HardwareFlopsPerStep = r.ModelFlopsPerStep + RecomputeFlopsPerToken(layout.Recompute) * tokens;
        double peakAll = _peak16 * c.Gpus;
        r.Mfu = r.ModelFlopsPerStep / (r.StepTime * peakAll);
        r.Hfu = r.HardwareFlopsPerStep / (r.StepTime * peakAll);
        return r;
    }

    /// <summary>Extra forward FLOPs per token that recomputation executes.</summary>
    private double RecomputeFlopsPerToken(Recompute recompute) => recompute switch
    {
        Recompute.Full => _forwardFlopsPerToken,
        Recompute.Selective => _attentionCoreFwdFlopsPerToken,
        _ => 0,
    };

    /// <summary>Layout-dependent quantities used by several parts of the model.</summary>
    private readonly struct LayoutContext
    {
        public readonly int Tp, Pp, Vpp, Dp, Cp, Ep, Zero, MicroBatch, MicroBatches;

        /// <summary>Tensor-parallel degree of the routed experts, and the data-parallel degree their gradients reduce over.</summary>
        public readonly int Etp, ExpertDp;

        /// <summary>
        /// Tokens one GPU hands to the dispatcher per micro-batch: all of them when the experts are split like the
        /// dense layers (every TP rank routes the full sequence), T·etp/tp when experts run whole (each TP rank
        /// routes its sequence-parallel share).
        /// </summary>
        public readonly double DispatchTokens;
        public readonly bool Sp;
        public readonly Recompute Recompute;
        public readonly long Gpus;
        public readonly Layout Layout;

        /// <summary>Tokens one GPU processes per micro-batch (context parallelism splits the sequence).</summary>
        public readonly double Tokens;

        /// <summary>Layers held by the first GPU of the pipeline, the last, and the fullest middle one.</summary>
        public readonly int FirstLayers, LastLayers, MaxLayers;

        /// <summary>Dense layers among the first GPU's layers (MoE models keep their first layers dense).</summary>
        public readonly int FirstDense;

        public LayoutContext(PerformanceModel m, in Layout l)
        {
            Tp = l.Tp; Pp = l.Pp; Vpp = l.Vpp; Dp = l.Dp; Cp = l.Cp; Ep = l.Ep; Zero = l.Zero;
            MicroBatch = l.MicroBatch; Sp = l.SequenceParallel; Recompute = l.Recompute;
            Gpus = (long)l.Tp * l.Pp * l.Cp * l.Dp;
            Layout = l;
            MicroBatches = (int)(m._batch / ((double)l.Dp * l.MicroBatch));
            Tokens = l.MicroBatch * m._seq / l.Cp;
            Etp = l.Etp;
            ExpertDp = (int)Math.Max(1, l.ExpertRanks / l.Ep);
            DispatchTokens = Tokens * Etp / Tp;
            // Uneven split (layers mod pp != 0): the first and the last stage, which also hold the embedding
            // and the output layer, give up a layer each before any middle stage does (as Llama 3 and
            // Megatron-Core's first/last-stage layer options do).
            int perStage = (m._layers + l.Pp - 1) / l.Pp;
            int deficit = perStage * l.Pp - m._layers;
            MaxLayers = perStage;
            FirstLayers = l.Pp == 1 ? m._layers : perStage - (deficit >= 1 ? 1 : 0);
            LastLayers = l.Pp == 1 ? m._layers : perStage - (deficit >= 2 ? 1 : 0);
            // With interleaving GPU 0 holds chunks 0, pp, 2pp...: the dense leading layers sit in chunk 0.
            FirstDense = Math.Min(m._denseLayers, Math.Max(1, FirstLayers / l.Vpp));
            if (m._denseLayers == m._layers) FirstDense = FirstLayers;
        }
    }
}
