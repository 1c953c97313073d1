namespace Kolosseum.Hardware;

/// <summary>The arithmetic precision of the matrix multiplies. Mixed precision: master weights and Adam stay fp32.</summary>
public enum Precision
{
    Fp16,
    Bf16,
    Fp8,
}
