using Kolosseum.Units;

namespace Kolosseum.Hardware;

/// <summary>
/// Achievable fractions of a GPU's peaks and its fixed costs, calibrated once against published runs
/// (docs/performance-model.md shows how and the residuals). No run-specific knobs live here.
/// </summary>
public sealed record GpuEfficiency
{
    /// <summary>Fraction of dense 16-bit peak a large, well-shaped matrix multiply reaches.</summary>
    public required double Matmul { get; init; }

    /// <summary>Same for FP8 matrix multiplies (lower: FP8 GEMMs are harder to feed).</summary>
    public required double MatmulFp8 { get; init; }

    /// <summary>
    /// Reduction length at which a matrix multiply's efficiency falls to half (fixed per-tile prologue and
    /// epilogue): short reductions, such as the shards left after a TP split, run slower.
    /// </summary>
    public required double MatmulHalfDim { get; init; }

    /// <summary>Fraction of 16-bit peak the fused (flash) attention kernel reaches in its forward pass.</summary>
    public required double FlashAttention { get; init; }

    /// <summary>Fraction of HBM bandwidth memory-bound kernels (norms, activations, softmax, optimizer) reach.</summary>
    public required double Memory { get; init; }

    /// <summary>
    /// Fraction of tensor-parallel communication hidden behind the matrix multiplies it feeds (Transformer
    /// Engine's userbuffers overlap splits each GEMM and pipelines the all-gather/reduce-scatter with it).
    /// A property of the software stack used on this GPU generation, calibrated like the efficiencies.
    /// </summary>
    public required double TpOverlap { get; init; }

    /// <summary>Fraction of the scale-up (NVLink) bandwidth collectives reach.</summary>
    public required double ScaleUp { get; init; }

    /// <summary>Latency of one scale-up collective step.</summary>
    public required Duration ScaleUpLatency { get; init; }

    /// <summary>Fixed cost per launched kernel (CPU launch and GPU tail); matters for small layers.</summary>
    public required Duration KernelOverhead { get; init; }

    /// <summary>Memory the runtime holds before any tensor: CUDA context, NCCL buffers, cuBLAS/cuDNN workspaces.</summary>
    public required Bytes MemoryReserve { get; init; }

    /// <summary>Fraction of activation memory lost to allocator fragmentation and temporary buffers.</summary>
    public required double AllocatorOverhead { get; init; }
}
