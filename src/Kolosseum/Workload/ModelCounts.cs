namespace Kolosseum.Workload;

/// <summary>
/// Parameter counts of a model, split the way parallelism splits them. All counts are exact
/// for the shape (not rounded 12·l·h² approximations); see docs/workload.md.
/// </summary>
public sealed record ModelCounts
{
    /// <summary>Attention projections (Q, K, V, O or the MLA projections) of one layer, with their biases.</summary>
    public required double AttentionPerLayer { get; init; }

    /// <summary>Norm weights of one layer (two norms; LayerNorm also has biases).</summary>
    public required double NormsPerLayer { get; init; }

    /// <summary>FFN of one dense layer.</summary>
    public required double DenseMlpPerLayer { get; init; }

    /// <summary>One routed expert's FFN (zero for dense models).</summary>
    public required double ExpertMlp { get; init; }

    /// <summary>All shared experts of one MoE layer.</summary>
    public required double SharedMlpPerLayer { get; init; }

    /// <summary>Router (gate) of one MoE layer.</summary>
    public required double RouterPerLayer { get; init; }

    /// <summary>Input token embedding (and learned positions).</summary>
    public required double InputEmbedding { get; init; }

    /// <summary>Output projection to the vocabulary (zero extra when tied) plus the final norm.</summary>
    public required double OutputLayer { get; init; }

    /// <summary>Output projection weights that take part in matrix multiplies (counted even when tied).</summary>
    public required double OutputProjection { get; init; }

    public required int DenseLayers { get; init; }
    public required int MoeLayers { get; init; }
    public required int Experts { get; init; }
    public required int TopK { get; init; }

    /// <summary>Parameters of one dense transformer layer.</summary>
    public double DenseLayer => AttentionPerLayer + NormsPerLayer + DenseMlpPerLayer;

    /// <summary>Parameters of one MoE layer, all experts included.</summary>
    public double MoeLayer => AttentionPerLayer + NormsPerLayer + RouterPerLayer + SharedMlpPerLayer + Experts * ExpertMlp;

    /// <summary>Parameters of one MoE layer that are not routed experts (replicated across expert parallelism).</summary>
    public double MoeLayerNonExpert => AttentionPerLayer + NormsPerLayer + RouterPerLayer + SharedMlpPerLayer;

    public double Layers => DenseLayers * DenseLayer + MoeLayers * MoeLayer;

    public double Total => Layers + InputEmbedding + OutputLayer;

    /// <summary>Parameters one token passes through (top-k experts only), embeddings included.</summary>
    public double Active => DenseLayers * DenseLayer + MoeLayers * (MoeLayerNonExpert + TopK * ExpertMlp) + InputEmbedding + OutputLayer;

    /// <summary>
    /// Parameters in matrix multiplies for one token (PaLM's N for 6N+12lhs): active weights without the
    /// input embedding lookup and norms, with the output projection.
    /// </summary>
    public double MatmulActive =>
        DenseLayers * (AttentionPerLayer + DenseMlpPerLayer) + MoeLayers * (AttentionPerLayer + RouterPerLayer + SharedMlpPerLayer + TopK * ExpertMlp) + OutputProjection;
}
