namespace Kolosseum.Performance;

/// <summary>
/// How the attention core runs. <c>Flash</c>: a fused kernel that never stores the score matrix and
/// recomputes it in the backward pass (FlashAttention). <c>Standard</c>: separate QKᵀ, softmax, dropout
/// and ·V kernels that keep their outputs for the backward pass (Megatron before 2023).
/// </summary>
public enum AttentionKernel
{
    Flash,
    Standard,
}
