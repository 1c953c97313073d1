using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Workload;

/// <summary>The feed-forward block: two matrices with an activation, or three with a gate (SwiGLU, GeGLU).</summary>
public enum FfnActivation
{
    Gelu,
    Relu,
    Relu2,
    Swiglu,
    Geglu,
}

public enum PositionEmbedding
{
    Rope,
    Learned,
    Alibi,
    None,
}

/// <summary>Mixture-of-experts shape: routed experts, always-on shared experts, experts per token.</summary>
public sealed record MoeSpec
{
    public required int Experts { get; init; }
    public required int SharedExperts { get; init; }
    public required int TopK { get; init; }

    /// <summary>Hidden size of one routed expert's FFN.</summary>
    public required int ExpertFfnHidden { get; init; }

    /// <summary>Hidden size of one shared expert's FFN (equals the routed size unless stated).</summary>
    public required int SharedFfnHidden { get; init; }

    /// <summary>Leading layers that stay dense (DeepSeek-V3: 3).</summary>
    public required int DenseLayers { get; init; }

    /// <summary>
    /// Node-limited routing: each token reaches experts on at most this many nodes (DeepSeek-V3: 4, its
    /// topk_group of 8 node groups); 0 means unlimited.
    /// </summary>
    public int MaxNodesPerToken { get; init; }
}

/// <summary>
/// Multi-head latent attention (DeepSeek-V2/V3). Kolosseum counts its projections exactly and treats the
/// attention core as multi-head attention with query/key head size qk_nope + qk_rope and value head size v.
/// </summary>
public sealed record MlaSpec
{
    public required int QLoraRank { get; init; }
    public required int KvLoraRank { get; init; }
    public required int QkNopeHeadDim { get; init; }
    public required int QkRopeHeadDim { get; init; }
    public required int VHeadDim { get; init; }
}

/// <summary>A decoder-only transformer's shape, as published.</summary>
public sealed record ModelSpec : ICatalogItem<ModelSpec>
{
    public static string Kind => "models";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Layers { get; init; }
    public required int Hidden { get; init; }
    public required int Heads { get; init; }
    public required int KvHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int FfnHidden { get; init; }
    public required FfnActivation Activation { get; init; }
    public required int Vocab { get; init; }
    public required int SeqLen { get; init; }
    public required bool TiedEmbeddings { get; init; }
    public required PositionEmbedding Positions { get; init; }

    /// <summary>GPT-2/3-style biases on linear layers (a rounding-size effect on the parameter count).</summary>
    public required bool LinearBias { get; init; }

    /// <summary>
    /// Dropout probability of the hidden states and attention during training (0: none, as Llama, Nemotron,
    /// Mixtral and DeepSeek train; GPT-3-era Megatron models used 0.1). Dropout keeps 1-byte masks per layer.
    /// </summary>
    public double Dropout { get; init; }

    public MoeSpec? Moe { get; init; }
    public MlaSpec? Mla { get; init; }

    /// <summary>
    /// Multi-token-prediction modules trained beside the model (DeepSeek-V3: 1, its num_nextn_predict_layers):
    /// each is one more transformer layer and output head on the last pipeline stage. Not counted in the
    /// published parameter count nor in model FLOPs (the MFU conventions count the main model).
    /// </summary>
    public int MtpLayers { get; init; }

    /// <summary>The parameter count its authors published, for checking our count (not used in any estimate).</summary>
    public double? PublishedParams { get; init; }
    public double? PublishedActiveParams { get; init; }

    public bool IsMoe => Moe is not null;
    public bool IsGated => Activation is FfnActivation.Swiglu or FfnActivation.Geglu;

    /// <summary>Layers that hold routed experts.</summary>
    public int MoeLayers => Moe is null ? 0 : Layers - Moe.DenseLayers;

    public static ModelSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog) => Read(entry.Id, r);

    /// <summary>Reads a model shape from a catalog entry or an inline scenario model.</summary>
    public static ModelSpec? Read(string id, FieldReader r)
    {
        string? name = r.String("name", required: true);
        int? layers = r.Int("layers", required: true, min: 1, max: 10_000);
        int? hidden = r.Int("hidden", required: true, min: 1, max: 1_000_000);
        int? heads = r.Int("heads", required: true, min: 1, max: 100_000);
        int? kvHeads = r.Int("kv_heads", min: 1, max: 100_000) ?? heads;
        int? headDim = r.Int("head_dim", min: 1, max: 100_000);
        int? ffn = r.Int("ffn_hidden", required: true, min: 1, max: 10_000_000);
        var act = r.Enum<FfnActivation>("activation", required: true);
        int? vocab = r.Int("vocab", required: true, min: 1, max: 100_000_000);
        int? seq = r.Int("seq_len", required: true, min: 1, max: 100_000_000);
        bool? tied = r.Bool("tied_embeddings", required: true);
        var pos = r.Enum<PositionEmbedding>("position_embedding", required: true);
        bool? bias = r.Bool("linear_bias") ?? false;
        double? dropout = r.Number("dropout", min: 0, max: 0.9) ?? 0;
        double? published = r.Number("published_params", min: 0);
        double? publishedActive = r.Number("published_active_params", min: 0);
        int? mtp = r.Int("mtp_layers", min: 0, max: 100) ?? 0;

        MoeSpec? moe = null;
        var m = r.Map("moe");
        if (m is not null)
        {
            int? experts = m.Int("experts", required: true, min: 1, max: 100_000);
            int? shared = m.Int("shared_experts", min: 0, max: 1000) ?? 0;
            int? topk = m.Int("topk", required: true, min: 1, max: 1000);
            int? effn = m.Int("ffn_hidden", required: true, min: 1, max: 10_000_000);
            int? sffn = m.Int("shared_ffn_hidden", min: 1, max: 10_000_000);
            int? dense = m.Int("dense_layers", min: 0, max: 10_000) ?? 0;
            int? maxNodes = m.Int("max_nodes_per_token", min: 0, max: 100_000) ?? 0;
            m.Finish();
            if (experts is not null && topk is not null && topk > experts)
                r.Diagnostics.Error(Diagnostics.DiagnosticCodes.Inconsistent, m.Location, m.FieldPath("topk"), topk.Inv(), $"top-k ({topk}) cannot exceed the number of experts ({experts})");
            else if (experts is not null && topk is not null && effn is not null)
                moe = new MoeSpec { Experts = experts.Value, SharedExperts = shared!.Value, TopK = topk.Value, ExpertFfnHidden = effn.Value, SharedFfnHidden = sffn ?? effn.Value, DenseLayers = dense!.Value, MaxNodesPerToken = maxNodes!.Value };
        }

        MlaSpec? mla = null;
        var a = r.Map("mla");
        if (a is not null)
        {
            int? ql = a.Int("q_lora_rank", required: true, min: 0, max: 1_000_000);
            int? kvl = a.Int("kv_lora_rank", required: true, min: 1, max: 1_000_000);
            int? nope = a.Int("qk_nope_head_dim", required: true, min: 1, max: 100_000);
            int? rope = a.Int("qk_rope_head_dim", required: true, min: 0, max: 100_000);
            int? v = a.Int("v_head_dim", required: true, min: 1, max: 100_000);
            a.Finish();
            if (ql is not null && kvl is not null && nope is not null && rope is not null && v is not null)
                mla = new MlaSpec { QLoraRank = ql.Value, KvLoraRank = kvl.Value, QkNopeHeadDim = nope.Value, QkRopeHeadDim = rope.Value, VHeadDim = v.Value };
        }

        if (name is null || layers is null || hidden is null || heads is null || kvHeads is null || ffn is null || act is null || vocab is null
            || seq is null || tied is null || pos is null)
            return null;
        if (heads % kvHeads != 0)
        {
            r.Diagnostics.Error(Diagnostics.DiagnosticCodes.Inconsistent, r.Location, r.FieldPath("kv_heads"), kvHeads.Inv(),
                $"attention heads ({heads}) must be a multiple of kv heads ({kvHeads})");
            return null;
        }
        if (headDim is null && hidden < heads)
        {
            // The head size defaults to hidden / heads, which would be 0: every attention FLOP and byte with it.
            r.Diagnostics.Error(Diagnostics.DiagnosticCodes.Inconsistent, r.Location, r.FieldPath("heads"), heads.Inv(),
                $"more attention heads than the hidden size ({hidden.Inv()}): the head size hidden / heads would be 0", "give head_dim, or fewer heads");
            return null;
        }
        if (moe is not null && moe.DenseLayers > layers)
        {
            r.Diagnostics.Error(Diagnostics.DiagnosticCodes.Inconsistent, r.Location, r.FieldPath("moe.dense_layers"), moe.DenseLayers.Inv(),
                $"cannot exceed the number of layers ({layers})");
            return null;
        }
        return new ModelSpec
        {
            Id = id, Name = name, Layers = layers.Value, Hidden = hidden.Value, Heads = heads.Value, KvHeads = kvHeads.Value,
            HeadDim = headDim ?? hidden.Value / heads.Value, FfnHidden = ffn.Value, Activation = act.Value, Vocab = vocab.Value,
            SeqLen = seq.Value, TiedEmbeddings = tied.Value, Positions = pos.Value, LinearBias = bias!.Value, Dropout = dropout!.Value, Moe = moe, Mla = mla,
            PublishedParams = published, PublishedActiveParams = publishedActive, MtpLayers = mtp!.Value,
        };
    }
}
