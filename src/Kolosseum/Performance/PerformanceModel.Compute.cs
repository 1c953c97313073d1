using System.Runtime.CompilerServices;

namespace Kolosseum.Performance;

public sealed partial class PerformanceModel
{
    /// <summary>Kernel times of one transformer layer for one micro-batch on one GPU.</summary>
    internal struct LayerCost
    {
        /// <summary>Linear layers (projections, FFN, experts, router), forward.</summary>
        public double Gemm;

        /// <summary>Attention core forward and backward (flash or standard kernels).</summary>
        public double AttentionForward, AttentionBackward;

        /// <summary>Memory-bound kernels (norms, activations, residuals, dropout, rotary, routing), forward.</summary>
        public double Memory;

        /// <summary>What selective recomputation re-runs (the attention core of the standard kernels).</summary>
        public double SelectiveRecompute;

        public readonly double Forward => Gemm + AttentionForward + Memory;

        /// <summary>Weight and input gradients: two GEMMs per forward GEMM; memory-bound kernels read and write twice.</summary>
        public readonly double Backward => 2 * Gemm + AttentionBackward + 2 * Memory;
    }

    /// <summary>Output tile edge of a tensor-core GEMM kernel (CUTLASS/cuBLAS 128×128 tiles).</summary>
    private const double Tile = 128;

    /// <summary>
    /// Fraction of the SMs' tile slots a GEMM fills: the output is cut into 128×128 tiles that run in waves of
    /// one tile per SM; partial tiles at the edges and a partly filled last wave waste the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double WaveEfficiency(double m, double n)
    {
        double tiles = Math.Ceiling(m / Tile) * Math.Ceiling(n / Tile);
        double waves = Math.Ceiling(tiles / _sms);
        return m * n / (waves * _sms * Tile * Tile);
    }

    /// <summary>
    /// One matrix multiply C[m×n] = A[m×k]·B[k×n]: the slower of compute and memory traffic, plus the launch
    /// cost. Compute runs at the peak efficiency times the wave efficiency of the output tiles times
    /// k/(k + k½): each tile pays a fixed prologue and epilogue, so a short reduction (a small shard after a
    /// TP split) runs slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Gemm(double m, double k, double n, double peak, double efficiency, double operandBytes)
    {
        double flops = 2 * m * k * n;
        double eff = efficiency * WaveEfficiency(m, n) * (k / (k + _halfDim));
        double compute = flops / (peak * eff);
        double memory = (operandBytes * (m * k + k * n) + 2 * m * n) / _hbm;
        return Math.Max(compute, memory) + _kernel;
    }

    private double LayerGemm(double m, double k, double n) => Gemm(m, k, n, _peakLayer, _effLayer, _layerOperandBytes);

    /// <summary>Attention projections of one layer (QKV and output, or the MLA down/up projections).</summary>
    private double AttentionProjections(double tokens, int tp)
    {
        if (_mla && _model.Mla is { } mla)
        {
            // Down-projections are replicated across the TP group; up-projections split by heads.
            double q = mla.QLoraRank > 0
                ? LayerGemm(tokens, _h, mla.QLoraRank) + LayerGemm(tokens, mla.QLoraRank, _a * _dqk / tp)
                : LayerGemm(tokens, _h, _a * _dqk / tp);
            double kv = LayerGemm(tokens, _h, mla.KvLoraRank + mla.QkRopeHeadDim)
                + LayerGemm(tokens, mla.KvLoraRank, _a * (mla.QkNopeHeadDim + _dv) / tp);
            return q + kv + LayerGemm(tokens, _a * _dv / tp, _h);
        }
        double qkv = LayerGemm(tokens, _h, (_a * _dqk + _g * _dqk + _g * _dv) / tp);
        return qkv + LayerGemm(tokens, _a * _dv / tp, _h);
    }

    /// <summary>A feed-forward block of hidden size <paramref name="ffn"/> (already summed over shared experts) on <paramref name="tokens"/>.</summary>
    private double Ffn(double tokens, double ffn, int tp)
    {
        double up = LayerGemm(tokens, _h, ffn * (_gated ? 2 : 1) / tp);
        double down = LayerGemm(tokens, ffn / tp, _h);
        return up + down;
    }

    /// <summary>The attention core (scores, softmax, weighted sum), forward and backward, and what selective recompute repeats.</summary>
    private void AttentionCore(double tokens, int tp, int cp, ref LayerCost cost)
    {
        double heads = _a / tp;
        double keys = _seq;
        if (_flash)
        {
            // Fused kernel: causal blocks above the diagonal are skipped; the backward pass recomputes the
            // scores inside the kernel (5 matmuls against 2 forward: 2.5x the forward work). The scores are
            // never stored, so selective recompute turns to the other cheap, memory-heavy activations
            // (LayerComputeCost adds the norms and the activation function).
            double flops = 2 * tokens * keys * heads * (_dqk + _dv) * (_causal ? 0.5 : 1);
            double fwd = flops / (_peak16 * _effFlash) + _kernel;
            cost.AttentionForward = fwd;
            cost.AttentionBackward = 2.5 * (fwd - _kernel) + 2 * _kernel;
            cost.SelectiveRecompute = 0;
            if (cp > 1)
            {
                // Ring attention runs the fused kernel once per ring step on one block of keys, so a layer pays
                // cp launches forward and cp backward instead of one, and after each step merges the block's
                // partial output into the running one by its log-sum-exp (Liu et al. 2023, Ring Attention;
                // Transformer Engine's context-parallel attention corrects out and lse per step): read the running
                // output, the block's output and both lse, write the merged ones. The backward accumulates dQ the
                // same way. Finer rings pay these per step, whatever the tokens they move.
                double output = tokens * heads * _dv;
                double merge = (3 * 2 * output + 3 * 4 * tokens * heads) / _hbm;
                cost.AttentionForward += (cp - 1) * (_kernel + merge + _kernel);
                cost.AttentionBackward += (cp - 1) * (2 * _kernel + 2 * merge + _kernel);
            }
            return;
        }
        // Standard kernels: batched QKᵀ and attention·V over the full score matrix, and memory-bound
        // scale/mask/softmax and dropout passes over every score (9 bytes per score forward, 11 backward).
        double queries = tokens;
        double scoresGemm = Gemm(queries, _dqk, keys, _peak16, _eff16, 2) * heads - (heads - 1) * _kernel;
        double valuesGemm = Gemm(queries, keys, _dv, _peak16, _eff16, 2) * heads - (heads - 1) * _kernel;
        double scores = queries * keys * heads;
        double softmaxFwd = 9 * scores / _hbm + 2 * _kernel;
        double softmaxBwd = 11 * scores / _hbm + 2 * _kernel;
        cost.AttentionForward = scoresGemm + valuesGemm + softmaxFwd;
        cost.AttentionBackward = 2 * (scoresGemm + valuesGemm) + softmaxBwd;
        cost.SelectiveRecompute = cost.AttentionForward;
    }

    /// <summary>Bytes the memory-bound kernels of one layer move in the forward pass.</summary>
    /// <summary>
    /// Bytes of the cheap kernels whose outputs selective recompute drops when the attention core is fused
    /// (flash): the two norms and the activation function, re-run from their stored inputs.
    /// </summary>
    private double NormAndActivationBytes(double tokens, int tp, bool sp, bool moeLayer)
    {
        double replicated = sp ? 1.0 / tp : 1.0;
        double activation = _gated ? 6 : 4;
        double bytes = 2 * 4 * tokens * _h * replicated;
        if (moeLayer)
            bytes += activation * tokens * _topk * _expertFfn / tp + activation * tokens * _shared * _sharedFfn / tp;
        else
            bytes += activation * tokens * _f / tp;
        return bytes;
    }

    private double MemoryBoundBytes(double tokens, int tp, bool sp, bool moeLayer, double moeTokenShare = 1)
    {
        double replicated = sp ? 1.0 / tp : 1.0;
        // Two norms (read + write), two residual adds with dropout (read 2 inputs, write output and mask).
        double bytes = (2 * 4 + 2 * 7) * tokens * _h * replicated;
        if (_model.Positions == Workload.PositionEmbedding.Rope)
            bytes += 4 * tokens * (_a * _dqk + _g * _dqk) / tp;
        double activation = _gated ? 6 : 4;
        if (moeLayer)
        {
            double routed = tokens * _topk;
            // Permutation reads and writes every routed copy twice (permute and unpermute, 16-bit): on the
            // tokens this GPU dispatches (MoeTokens), which is T·etp/tp when experts run whole.
            bytes += 8 * routed * _h * moeTokenShare + activation * routed * _expertFfn / tp + activation * tokens * _shared * _sharedFfn / tp;
        }
        else
        {
            bytes += activation * tokens * _f / tp;
        }
        return bytes;
    }

    private LayerCost LayerCompute(in LayoutContext c, bool moeLayer)
    {
        var cost = new LayerCost();
        double tokens = c.Tokens;
        double gemm = AttentionProjections(tokens, c.Tp);
        if (moeLayer)
        {
            gemm += LayerGemm(tokens, _h, _experts) + Experts(in c);
            if (_shared > 0) gemm += Ffn(tokens, _shared * _sharedFfn, c.Tp);
        }
        else
        {
            gemm += Ffn(tokens, _f, c.Tp);
        }
        cost.Gemm = gemm;
        AttentionCore(tokens, c.Tp, c.Cp, ref cost);
        cost.Memory = (MemoryBoundBytes(tokens, c.Tp, c.Sp, moeLayer, c.DispatchTokens / tokens) + Fp8ScaleBytes(in c, moeLayer)
            + (moeLayer ? Fp8ExpertCastBytes(in c) + AllToAllSortBytes(in c) : 0)) / _hbm
            + ((moeLayer && _fp8 ? 12 : 8) + (moeLayer ? AllToAllSortLaunches(in c) : 0)) * _kernel;
        if (_flash)
            cost.SelectiveRecompute = NormAndActivationBytes(tokens, c.Tp, c.Sp, moeLayer) / _hbm + 3 * _kernel;
        return cost;
    }

    /// <summary>Forward time of the output layer and loss on the last stage (16-bit; logits in fp32 for the loss).</summary>
    private double OutputLayerForward(in LayoutContext c)
    {
        double tokens = c.Tokens;
        double gemm = Gemm(tokens, _h, _vocab / c.Tp, _peak16, _eff16, 2);
        double loss = 3 * 4 * tokens * _vocab / c.Tp / _hbm + 3 * _kernel;
        return gemm + loss;
    }

    /// <summary>Embedding lookup on the first stage (a gather: memory-bound).</summary>
    private double EmbeddingForward(in LayoutContext c) => 4 * c.Tokens * _h / _hbm + _kernel;
}
