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
    /// Megatron's accounting (fp32 gradient accumulation): 2 + 4 + 12 = 18 bytes for 16-bit training.
    /// FP8 keeps a 16-bit weight copy plus an FP8 cast used by the matrix multiplies.
    /// </summary>
    public static BytesPerParameter For(Precision precision, bool fp32Gradients = true) => precision switch
    {
        Precision.Fp8 => new BytesPerParameter(3, fp32Gradients ? 4 : 2, 12),
        _ => new BytesPerParameter(2, fp32Gradients ? 4 : 2, 12),
    };

    /// <summary>Bytes per parameter of a full checkpoint: fp32 master weights and both Adam moments, plus 16-bit weights.</summary>
    public const double Checkpoint = 14;
}
