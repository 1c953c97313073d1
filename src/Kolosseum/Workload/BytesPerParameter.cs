using Kolosseum.Hardware;

namespace Kolosseum.Workload;

/// <summary>
/// Bytes each parameter costs in mixed-precision training with Adam: the compute copy of the weights,
/// the gradient accumulation buffer and the optimizer state (fp32 master weights, momentum, variance).
/// </summary>
public readonly record struct BytesPerParameter(double Weights, double Gradients, double Optimizer)
{
    public double Total => Weights + Gradients + Optimizer;

    /// <summary>
    /// FP16 training keeps fp32 main gradients (loss-scaled fp16 gradients would under- or overflow):
    /// 2 + 4 + 12 = 18 bytes, Megatron's accounting in Korthikanti et al. 2022. BF16 (and FP8, whose
    /// weights stay bf16 and are cast per layer) accumulate and reduce gradients in bf16, Megatron-Core's
    /// default: 2 + 2 + 12 = 16 bytes, the ZeRO paper's mixed-precision figure.
    /// </summary>
    public static BytesPerParameter For(Precision precision) => precision switch
    {
        Precision.Fp16 => new BytesPerParameter(2, 4, 12),
        _ => new BytesPerParameter(2, 2, 12),
    };

    /// <summary>Bytes per parameter of a full checkpoint: fp32 master weights and both Adam moments, plus 16-bit weights.</summary>
    public const double Checkpoint = 14;
}
