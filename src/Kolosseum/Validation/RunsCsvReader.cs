using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;
using Kolosseum.Workload;
using Kolosseum.Yaml;

namespace Kolosseum.Validation;

/// <summary>
/// Reads files of the published-runs schema (src/Kolosseum/Validation/data/README.md). Every bad cell is a located
/// diagnostic; a row with a bad cell is dropped from prediction but reported.
/// </summary>
public static class RunsCsvReader
{
    /// <summary>Largest CSV file read: the published runs are a few kilobytes; 4 MiB is a thousand times that.</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "id", "source", "model", "layers", "hidden", "heads", "kv_heads", "ffn_hidden", "ffn_act", "vocab", "seq_len",
        "moe_experts", "moe_shared_experts", "moe_topk", "moe_ffn_hidden", "moe_dense_layers", "gpu", "gpus",
        "tp", "pp", "dp", "cp", "ep", "vpp", "micro_batch", "global_batch", "recompute", "sequence_parallel", "zero_stage",
        "precision", "metric", "value", "flops_convention",
    ];

    public static IReadOnlyList<PublishedRun> Read(string text, string file, Catalog.Catalog catalog, DiagnosticBag diagnostics)
    {
        var table = CsvTable.Parse(text, file, diagnostics);
        if (table is null) return [];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.Header.Count; i++)
        {
            // A column named twice would let one of the two win unseen.
            if (!index.TryAdd(table.Header[i], i))
                diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, 1, table.HeaderColumns[i]), table.Header[i], null,
                    $"this column appears twice in the header (also column {(index[table.Header[i]] + 1).Inv()})", "keep one of them");
        }
        if (table.Header.Count != index.Count) return [];
        if (table.Rows.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, 2, 1), "", null, "the file has a header but no rows",
                $"add one row per published run (schema: {PublishedRuns.SchemaPath})");
            return [];
        }
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, 1, 1), column, null, "required column is missing",
                Suggest.Closest(column, table.Header) is { } close ? $"did you mean '{close}'?" : null);
        }
        if (missing.Count > 0) return [];

        var runs = new List<PublishedRun>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var reader = new RowReader(file, row, index, diagnostics);
            var run = reader.Read(catalog);
            if (run is null) continue;
            if (!ids.Add(run.Id))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateKey, new SourceLocation(file, run.Line, 1), "id", run.Id, "two rows have the same id");
                continue;
            }
            runs.Add(run);
        }
        return runs;
    }

    private sealed class RowReader(string file, IReadOnlyList<CsvCell> row, Dictionary<string, int> index, DiagnosticBag diagnostics)
    {
        private bool _ok = true;

        private CsvCell Cell(string column) => row[index[column]];

        private SourceLocation At(CsvCell c) => new(file, c.Line, c.Column);

        private void Error(string column, CsvCell c, string rule, string? suggestion = null)
        {
            diagnostics.Error(DiagnosticCodes.CsvFormat, At(c), column, c.Text, rule, suggestion);
            _ok = false;
        }

        /// <summary>A text cell without the characters that hide or reorder it (a warning names those removed).</summary>
        private string Text(string column)
        {
            var c = Cell(column);
            var (text, removed) = InvisibleText.Strip(c.Text.Trim());
            if (removed is not null)
                diagnostics.Warning(DiagnosticCodes.InvisibleText, At(c), column, text, $"invisible characters removed ({removed}): they hide or reorder text in the output");
            return text;
        }

        private int? Int(string column, bool required, int min = 1, int max = int.MaxValue)
        {
            var c = Cell(column);
            string t = c.Text.Trim();
            if (t.Length == 0)
            {
                if (required) Error(column, c, "is required");
                return null;
            }
            if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
            {
                Error(column, c, $"must be a whole number between {min.Inv()} and {max.Inv()}");
                return null;
            }
            return (int)v;
        }

        /// <summary>An optional column: null when the file has no such column or the cell is empty.</summary>
        private int? OptionalInt(string column, int min = 1, int max = int.MaxValue) =>
            index.ContainsKey(column) ? Int(column, false, min, max) : null;

        private T? Enum<T>(string column, bool required) where T : struct, System.Enum
        {
            var c = Cell(column);
            string t = c.Text.Trim();
            if (t.Length == 0)
            {
                if (required) Error(column, c, "is required");
                return null;
            }
            if (EnumNames<T>.TryParse(t, out var v)) return v;
            Error(column, c, "is not one of " + string.Join(", ", EnumNames<T>.Names), Suggest.DidYouMean(t, EnumNames<T>.Names));
            return null;
        }

        public PublishedRun? Read(Catalog.Catalog catalog)
        {
            var idCell = Cell("id");
            string id = Text("id");
            if (id.Length == 0) Error("id", idCell, "is required");
            int? layers = Int("layers", true, 1, 100_000);
            int? hidden = Int("hidden", true, 1, 10_000_000);
            int? heads = Int("heads", true, 1, 1_000_000);
            int? kvHeads = Int("kv_heads", false, 1, 1_000_000) ?? heads;
            int? ffn = Int("ffn_hidden", true, 1, 100_000_000);
            var act = Enum<FfnActivation>("ffn_act", true);
            int? vocab = Int("vocab", true, 1, 100_000_000);
            int? seq = Int("seq_len", true, 1, 100_000_000);
            int? experts = Int("moe_experts", false, 1, 1_000_000);
            int? shared = Int("moe_shared_experts", false, 0, 10_000);
            int? topk = Int("moe_topk", false, 1, 10_000);
            int? expertFfn = Int("moe_ffn_hidden", false, 1, 100_000_000);
            int? denseLayers = Int("moe_dense_layers", false, 0, 100_000);
            var gpuCell = Cell("gpu");
            string gpu = gpuCell.Text.Trim();
            if (!catalog.TryGet<GpuSpec>(gpu, out _))
                Error("gpu", gpuCell, $"unknown gpu '{gpu}'", Suggest.DidYouMean(gpu, catalog.Ids<GpuSpec>()));
            int? gpus = Int("gpus", true, 1, 100_000_000);
            int? globalBatch = Int("global_batch", true, 1, 1_000_000_000);
            var precision = Enum<Precision>("precision", true);
            var metric = Enum<RunMetric>("metric", true);
            var valueCell = Cell("value");
            double value = double.NaN;
            // Bounded away from 0 as well: a relative error against a measured 1e-320 is infinite.
            if (!double.TryParse(valueCell.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !(value >= 1e-9 && value <= QuantityParser.MaxMagnitude))
                Error("value", valueCell, "must be a positive finite number between 1e-9 and 1e30");
            var convention = Enum<FlopConvention>("flops_convention", false);
            var sp = Bool("sequence_parallel");
            AttentionKernel? attention = index.ContainsKey("attention") ? Enum<AttentionKernel>("attention", false) : null;

            int? tp = Int("tp", false), pp = Int("pp", false), dp = Int("dp", false), cp = Int("cp", false), ep = Int("ep", false);
            int? vpp = Int("vpp", false), microBatch = Int("micro_batch", false), zero = Int("zero_stage", false, 0, 3);
            var recompute = Enum<Recompute>("recompute", false);
            // Optional shape columns (src/Kolosseum/Validation/data/README.md): a head size that is not hidden / heads
            // (Qwen3), untied embeddings, and multi-head latent attention (DeepSeek-V2/V3, Kimi K2).
            int? headDim = OptionalInt("head_dim", 1, 1_000_000);
            bool? tied = index.ContainsKey("tied_embeddings") ? Bool("tied_embeddings") : null;
            int? qLora = OptionalInt("mla_q_lora_rank", 0, 1_000_000);
            int? kvLora = OptionalInt("mla_kv_lora_rank", 1, 1_000_000);
            int? nope = OptionalInt("mla_qk_nope_head_dim", 1, 1_000_000);
            int? rope = OptionalInt("mla_qk_rope_head_dim", 0, 1_000_000);
            int? vHead = OptionalInt("mla_v_head_dim", 1, 1_000_000);
            int? sharedFfn = OptionalInt("moe_shared_ffn_hidden", 1, 100_000_000);
            // Optional MoE and FP8 execution columns (docs/performance-model.md, "Mixture of experts").
            int? expertTp = OptionalInt("expert_tp", 1, 1_000_000);
            int? mtp = OptionalInt("mtp_layers", 0, 100);
            int? maxNodes = OptionalInt("moe_max_nodes_per_token", 0, 1_000_000);
            MoeDispatcher? dispatcher = index.ContainsKey("moe_dispatcher") ? Enum<MoeDispatcher>("moe_dispatcher", false) : null;
            bool? overlap = index.ContainsKey("moe_a2a_overlap") ? Bool("moe_a2a_overlap") : null;
            bool? dpOverlap = index.ContainsKey("dp_overlap") ? Bool("dp_overlap") : null;
            bool? tpGradOverlap = index.ContainsKey("tp_grad_overlap") ? Bool("tp_grad_overlap") : null;
            bool? ppScatterGather = index.ContainsKey("pp_scatter_gather") ? Bool("pp_scatter_gather") : null;
            Fp8Recipe? recipe = index.ContainsKey("fp8_recipe") ? Enum<Fp8Recipe>("fp8_recipe", false) : null;
            double? capacity = null;
            if (index.ContainsKey("moe_capacity_factor") && Cell("moe_capacity_factor").Text.Trim() is { Length: > 0 } cf)
            {
                if (double.TryParse(cf, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 1 && v <= 64) capacity = v;
                else Error("moe_capacity_factor", Cell("moe_capacity_factor"), "must be a number between 1 and 64 (empty for dropless routing)");
            }
            double? nicGbps = null;
            if (index.ContainsKey("nic_gbps_per_gpu") && Cell("nic_gbps_per_gpu").Text.Trim() is { Length: > 0 } nic)
            {
                if (double.TryParse(nic, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v <= 100_000) nicGbps = v;
                else Error("nic_gbps_per_gpu", Cell("nic_gbps_per_gpu"), "must be a number of Gb/s per GPU above 0 and at most 100,000 (empty for the catalog node's NICs)");
            }
            bool anyMla = qLora is not null || kvLora is not null || nope is not null || rope is not null || vHead is not null;
            if (anyMla && (qLora is null || kvLora is null || nope is null || rope is null || vHead is null))
                Error("mla_kv_lora_rank", Cell(index.ContainsKey("mla_kv_lora_rank") ? "mla_kv_lora_rank" : "id"),
                    "a multi-head latent attention row needs all of mla_q_lora_rank, mla_kv_lora_rank, mla_qk_nope_head_dim, mla_qk_rope_head_dim and mla_v_head_dim");
            if (experts is not null && (topk is null || expertFfn is null))
                Error("moe_topk", Cell("moe_topk"), "a mixture-of-experts row needs moe_topk and moe_ffn_hidden");
            if (heads is not null && kvHeads is not null && heads % kvHeads != 0)
                Error("kv_heads", Cell("kv_heads"), $"heads ({heads.Inv()}) must be a multiple of kv_heads");
            // The head size is hidden / heads: 0 would make every attention estimate infinite.
            if (heads is not null && hidden is not null && hidden < heads && headDim is null)
                Error("heads", Cell("heads"), $"more attention heads than the hidden size ({hidden.Inv()}): the head size would be 0");
            // Without head_dim the head size is hidden / heads exactly; 1000 / 7 would be truncated to 142 and change every attention figure.
            else if (heads is not null && hidden is not null && hidden % heads != 0 && headDim is null)
                Error("heads", Cell("heads"), $"heads must divide the hidden size ({hidden.Inv()}) when head_dim is not given: the head size would be {((double)hidden / heads.Value).Inv("0.###")}",
                    $"a divisor of {hidden.Inv()} near it: {NearestDivisor(hidden.Value, heads.Value).Inv()}, or a head_dim column");
            if (!_ok || layers is null || hidden is null || heads is null || kvHeads is null || ffn is null || act is null || vocab is null
                || seq is null || gpus is null || globalBatch is null || precision is null || metric is null)
                return null;

            var model = new ModelSpec
            {
                Id = id, Name = Text("model"), Layers = layers.Value, Hidden = hidden.Value, Heads = heads.Value, KvHeads = kvHeads.Value,
                HeadDim = headDim ?? hidden.Value / heads.Value, FfnHidden = ffn.Value, Activation = act.Value, Vocab = vocab.Value, SeqLen = seq.Value,
                // The schema does not say; Megatron GPT ties input and output embeddings by default.
                TiedEmbeddings = tied ?? true, Positions = PositionEmbedding.Rope, LinearBias = false,
                MtpLayers = mtp ?? 0,
                Mla = anyMla ? new MlaSpec { QLoraRank = qLora!.Value, KvLoraRank = kvLora!.Value, QkNopeHeadDim = nope!.Value, QkRopeHeadDim = rope!.Value, VHeadDim = vHead!.Value } : null,
                // Nor does it give dropout: the GELU rows are GPT-style Megatron models, trained with Megatron-LM's
                // default hidden and attention dropout of 0.1 (Korthikanti et al. 2022 count its masks); gated and
                // squared-ReLU models (Llama, Nemotron) train without dropout.
                Dropout = act.Value == FfnActivation.Gelu ? 0.1 : 0,
                Moe = experts is null ? null : new MoeSpec
                {
                    Experts = experts.Value, SharedExperts = shared ?? 0, TopK = topk!.Value, ExpertFfnHidden = expertFfn!.Value,
                    SharedFfnHidden = sharedFfn ?? expertFfn.Value, DenseLayers = denseLayers ?? 0, MaxNodesPerToken = maxNodes ?? 0,
                },
            };
            return new PublishedRun
            {
                Id = id, Source = Text("source"), Line = idCell.Line, Model = model, GpuId = gpu, Gpus = gpus.Value,
                Tp = tp, Pp = pp, Dp = dp, Cp = cp, Ep = ep, Vpp = vpp, MicroBatch = microBatch, GlobalBatch = globalBatch.Value,
                Recompute = recompute, SequenceParallel = sp, Zero = zero,
                Precision = precision.Value, Attention = attention,
                ExpertTp = expertTp, Dispatcher = dispatcher, EpOverlap = overlap, DpOverlap = dpOverlap, TpGradOverlap = tpGradOverlap, PpScatterGather = ppScatterGather, NicGbpsPerGpu = nicGbps, CapacityFactor = capacity, Fp8Recipe = recipe ?? Fp8Recipe.Tensorwise, Metric = metric.Value, Value = value, Convention = convention,
            };
        }

        private static int NearestDivisor(int n, int near)
        {
            for (int d = 0; ; d++)
            {
                if (near - d >= 1 && n % (near - d) == 0) return near - d;
                if (near + d <= n && n % (near + d) == 0) return near + d;
            }
        }

        private bool? Bool(string column)
        {
            var c = Cell(column);
            switch (c.Text.Trim().ToLowerInvariant())
            {
                case "": return null;
                case "true" or "yes" or "1": return true;
                case "false" or "no" or "0": return false;
                default:
                    Error(column, c, "must be true or false");
                    return null;
            }
        }
    }
}
