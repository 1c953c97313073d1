using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;
using Kolosseum.Workload;
using Kolosseum.Yaml;

namespace Kolosseum.Scenarios;

/// <summary>
/// Reads a scenario file into a resolved <see cref="Scenario"/>, collecting every problem (YAML syntax,
/// unknown keys, unknown ids, missing units, broken layout rules) with its line and column.
/// Returns null when there was any error; the diagnostics say why.
/// </summary>
public static class ScenarioLoader
{
    public const string DefaultName = "<default>";
    public const int MaxOptions = 64;

    public static string DefaultText
    {
        get
        {
            using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("Kolosseum.Scenarios.default.yaml")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The embedded default scenario (24,000 rented vs 100,000 owned H100).</summary>
    public static Scenario Default()
    {
        var bag = new DiagnosticBag();
        return Parse(DefaultText, DefaultName, bag)
            ?? throw new InvalidOperationException("the embedded default scenario is invalid (a bug):\n" + string.Join("\n", bag.Sorted().Select(d => d.Format())));
    }

    public static Scenario? Load(string path, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        string? text = InputFile.Read(path, limits.MaxBytes, "", diagnostics, Directory.Exists("scenarios") ? "see the files in scenarios/" : null);
        if (text is null) return null;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path, 1, 1), "", null, "the file contains NUL bytes: it is not a text file", "pass a YAML scenario file");
            return null;
        }
        return Parse(text, path, diagnostics, limits);
    }

    public static Scenario? Parse(string text, string file, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        int errorsBefore = diagnostics.ErrorCount;
        return Parse(YamlDocumentReader.Read(text, file, diagnostics, limits), file, diagnostics, errorsBefore);
    }

    /// <summary>A scenario from a YAML tree already read, for callers that change values before loading (the what-if page).</summary>
    public static Scenario? Parse(YamlDocumentReader.Result doc, string file, DiagnosticBag diagnostics) => Parse(doc, file, diagnostics, diagnostics.ErrorCount);

    private static Scenario? Parse(YamlDocumentReader.Result doc, string file, DiagnosticBag diagnostics, int errorsBefore)
    {
        bool reportMissing = !doc.HadSyntaxErrors;
        if (doc.Root is null)
        {
            if (!doc.HadSyntaxErrors)
                diagnostics.Error(DiagnosticCodes.MissingField, new SourceLocation(file, 1, 1), "", null, "the scenario is empty", "start from a file in scenarios/");
            return null;
        }
        var top = FieldReader.Of(doc.Root, "", diagnostics, reportMissing);
        if (top is null) return null;

        // Catalog overrides first: every name below is looked up in the merged catalog.
        var catalog = Catalog.Catalog.Embedded;
        var catalogNode = top.Node("catalog");
        if (catalogNode is not null)
        {
            int errors = diagnostics.ErrorCount;
            var overrides = CatalogDocument.ReadEntries(catalogNode, "catalog", diagnostics, requireSource: false, reportMissing);
            var merged = catalog.WithOverrides(overrides, diagnostics);
            // A broken override leaves entries unbound that others rely on (fabric defaults naming a switch,
            // default ids): the rest of the file is then checked against the embedded catalog, so that its
            // own problems are still reported, and the scenario is refused for the override's errors.
            if (diagnostics.ErrorCount == errors) catalog = merged;
        }

        string? name = top.String("name", required: true);
        string? description = top.String("description");
        var model = ReadModel(top, file, ref catalog, diagnostics);
        var training = ReadTraining(top, model, catalog, diagnostics);
        var context = new ScenarioContext(file, catalog, model, training, diagnostics, reportMissing);
        var options = ReadOptions(top, context);
        var sections = SectionRegistry.ReadScenario(top, context);
        top.Finish();

        if (diagnostics.ErrorCount > errorsBefore) return null;
        if (name is null || model is null || training is null || options is null) return null;
        return new Scenario
        {
            Name = name, Description = description, File = file, Model = model, Training = training,
            Options = options, Sections = sections, Catalog = catalog, Document = doc.Root as YMapping,
        };
    }

    private static ModelSpec? ReadModel(FieldReader top, string file, ref Catalog.Catalog catalog, DiagnosticBag diagnostics)
    {
        var node = top.Node("model", required: true);
        switch (node)
        {
            case null:
                return null;
            case YScalar s:
                return catalog.CheckId<ModelSpec>(s.Value, s.Location, "model", diagnostics) ? catalog.Get<ModelSpec>(s.Value) : null;
            case YMapping m:
                {
                    // An inline model: a full shape, or {base: <catalog id>, ...fields to change}.
                    string id = (m.Get("id") as YScalar)?.Value ?? "scenario-model";
                    var fields = m.Get("id") is null ? new YMapping([new YEntry(new YScalar("id", true, m.Location), new YScalar(id, true, m.Location)), .. m.Entries], m.Location) : m;
                    var entry = new CatalogEntry("models", id, fields, new Dictionary<string, string>(), $"scenario {file}", m.Location);
                    int before = diagnostics.ErrorCount;
                    var merged = catalog.WithOverrides([entry], diagnostics);
                    if (diagnostics.ErrorCount > before) return null; // warnings (e.g. invisible characters removed) do not stop it
                    catalog = merged;
                    return catalog.TryGet<ModelSpec>(id, out var model) ? model : null;
                }
            default:
                diagnostics.Error(DiagnosticCodes.WrongType, node.Location, "model", null, $"expected a model id or a model shape, found {node.KindName}",
                    "write 'model: llama3.1-405b' or a mapping with layers, hidden, heads...");
                return null;
        }
    }

    private static TrainingSpec? ReadTraining(FieldReader top, ModelSpec? model, Catalog.Catalog catalog, DiagnosticBag diagnostics)
    {
        var t = top.Map("training", required: true);
        if (t is null) return null;
        long? tokens = t.Integer("tokens", min: 1, max: (long)1e17, rangeHint: "tokens are counted like 15T (1.5e13); 1e17 is far beyond any corpus");
        double? compute = t.Quantity("compute", Dimension.Flops, min: 1, max: 1e32, rangeHint: "e.g. 3e25 FLOP");
        int? globalBatch = t.Int("global_batch", required: true, min: 1, max: 100_000_000, rangeHint: "sequences per optimizer step, e.g. 2048");
        int? globalBatchMax = t.Int("global_batch_max", min: 1, max: 100_000_000, rangeHint: "the largest batch the search may choose");
        int? globalBatchMin = t.Int("global_batch_min", min: 1, max: 100_000_000, rangeHint: "the smallest batch the search may choose");
        string? criticalId = t.String("critical_batch");
        double? noiseScale = t.Number("noise_scale_tokens", min: 1e3, max: 1e12, rangeHint: "B_noise in tokens per optimizer step, e.g. 3.2e7");
        int? seq = t.Int("seq_len", min: 1, max: 100_000_000) ?? model?.SeqLen;
        var precision = t.Enum<Precision>("precision", required: true);
        var attention = t.Enum<AttentionKernel>("attention") ?? AttentionKernel.Flash;
        var moe = ReadMoe(t);
        var schedule = ReadBatchSchedule(t, globalBatch, globalBatchMax, diagnostics);
        t.Finish();
        if (tokens is not null && compute is not null)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, t.Node("compute")!.Location, "training.compute", null, "give either tokens or compute, not both", "remove one of them");
            return null;
        }
        if (tokens is null && compute is null)
        {
            // A value that was given but refused already has its own diagnostic.
            if (t.Has("tokens") || t.Has("compute")) return null;
            t.Missing("tokens", "give the tokens to train on (e.g. 15T) or a compute budget (compute: 3e25 FLOP)");
            return null;
        }
        if (globalBatch is not null && globalBatchMax is not null && globalBatchMax < globalBatch)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, t.Node("global_batch_max")!.Location, "training.global_batch_max", globalBatchMax.Inv(),
                $"cannot be smaller than global_batch ({globalBatch.Inv()})", "give a larger maximum, or leave it out");
            return null;
        }
        if (globalBatch is not null && globalBatchMin is not null && globalBatchMin > globalBatch)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, t.Node("global_batch_min")!.Location, "training.global_batch_min", globalBatchMin.Inv(),
                $"cannot be larger than global_batch ({globalBatch.Inv()})", "give a smaller minimum, or leave it out");
            return null;
        }
        // B_noise: the scenario's own number, or the catalog entry it names (default dense-frontier; docs/search.md, "Tokens at a batch").
        CriticalBatch? critical = null;
        if (noiseScale is null)
        {
            string id = criticalId ?? CriticalBatch.DefaultId;
            var at = t.Node("critical_batch")?.Location ?? t.Location;
            if (!catalog.CheckId<CriticalBatch>(id, at, "training.critical_batch", diagnostics)) return null;
            critical = catalog.Get<CriticalBatch>(id);
        }
        else if (criticalId is not null)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, t.Node("noise_scale_tokens")!.Location, "training.noise_scale_tokens", noiseScale.Value.Inv(),
                "give either critical_batch or noise_scale_tokens, not both", "remove one of them");
            return null;
        }
        if (model is null || globalBatch is null || seq is null || precision is null || moe is null || schedule is null) return null;
        double tokenCount = tokens ?? compute!.Value / WorkloadMath.TrainingFlopsPerToken(model, WorkloadMath.Count(model), seq.Value, causal: false);
        if (schedule.Count > 0 && schedule[^1].UntilTokens >= tokenCount)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, t.Node("batch_schedule")!.Location, $"training.batch_schedule[{(schedule.Count - 1).Inv()}].until_tokens",
                schedule[^1].UntilTokens.Inv(), $"the ramp must end before the run's {tokenCount.Inv("0")} tokens", "end the last segment earlier; after it the run trains at global_batch");
            return null;
        }
        return new TrainingSpec
        {
            Tokens = tokenCount, GlobalBatch = globalBatch.Value, GlobalBatchMax = globalBatchMax, GlobalBatchMin = globalBatchMin,
            ReferenceBatch = globalBatch.Value, NoiseScaleTokens = noiseScale ?? critical!.NoiseScaleTokens, BatchSchedule = schedule,
            SeqLen = seq.Value, Precision = precision.Value, Attention = attention,
            Moe = moe,
        };
    }

    /// <summary>
    /// training.batch_schedule: a Llama 3-style batch ramp (arXiv 2407.21783 §3.4.1), segments of {until_tokens, global_batch}
    /// with strictly increasing thresholds and batches within 1 .. the largest batch the run may use; after the last segment
    /// the run trains at its own batch (docs/search.md, "Batch schedule"). Every problem is reported, at its item.
    /// </summary>
    private static List<BatchSegment>? ReadBatchSchedule(FieldReader training, int? globalBatch, int? globalBatchMax, DiagnosticBag diagnostics)
    {
        var items = training.List("batch_schedule");
        var result = new List<BatchSegment>();
        if (items is null) return result;
        const int MaxSegments = 64;
        if (items.Count > MaxSegments)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, items[MaxSegments].Location, "training.batch_schedule", null, $"more than {MaxSegments.Inv()} segments");
            return null;
        }
        int errors = diagnostics.ErrorCount;
        int largest = Math.Max(globalBatch ?? 1, globalBatchMax ?? 1);
        double previous = 0;
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"training.batch_schedule[{i.Inv()}]";
            var item = FieldReader.Of(items[i], path, diagnostics);
            if (item is null) continue;
            long? until = item.Integer("until_tokens", required: true, min: 1, max: (long)1e17, rangeHint: "tokens seen when the segment ends, e.g. 252M");
            int? batch = item.Int("global_batch", required: true, min: 1, max: 100_000_000, rangeHint: "sequences per step in this segment, e.g. 1024");
            item.Finish();
            if (until is not null && until <= previous)
                diagnostics.Error(DiagnosticCodes.Inconsistent, item.Node("until_tokens")!.Location, path + ".until_tokens", until.Value.Inv(),
                    $"must be larger than the previous segment's ({previous.Inv("0")} tokens): thresholds increase", "order the segments by tokens seen");
            if (batch is not null && batch > largest)
                diagnostics.Error(DiagnosticCodes.OutOfRange, item.Node("global_batch")!.Location, path + ".global_batch", batch.Value.Inv(),
                    $"must not exceed the largest batch the run may use ({largest.Inv()} sequences)", "a ramp grows towards global_batch; raise global_batch_max for larger batches");
            if (until is not null) previous = Math.Max(previous, until.Value);
            if (until is not null && batch is not null) result.Add(new BatchSegment(until.Value, batch.Value));
        }
        return diagnostics.ErrorCount > errors ? null : result;
    }

    /// <summary>training.moe: dispatcher, overlap, routing and the FP8 recipe (docs/performance-model.md, "Mixture of experts").</summary>
    private static MoeOptions? ReadMoe(FieldReader training)
    {
        var m = training.Map("moe");
        if (m is null) return MoeOptions.Default;
        var dispatcher = m.Enum<MoeDispatcher>("dispatcher") ?? MoeDispatcher.AllToAll;
        bool? overlap = m.Bool("overlap") ?? false;
        double? capacity = m.Number("capacity_factor", min: 1, max: 64) ?? 0;
        double? imbalance = m.Number("imbalance", min: 1, max: 64) ?? 1;
        var recipe = m.Enum<Fp8Recipe>("fp8_recipe") ?? Fp8Recipe.Tensorwise;
        m.Finish();
        if (overlap is null || capacity is null || imbalance is null) return null;
        return new MoeOptions { Dispatcher = dispatcher, Overlap = overlap.Value, CapacityFactor = capacity.Value, Imbalance = imbalance.Value, Fp8Recipe = recipe };
    }

    private static List<ClusterOption>? ReadOptions(FieldReader top, ScenarioContext context)
    {
        var items = top.List("options", required: true);
        if (items is null) return null;
        var diagnostics = context.Diagnostics;
        if (items.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.MissingField, top.Location, "options", null, "needs at least one cluster option");
            return null;
        }
        if (items.Count > MaxOptions)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, items[MaxOptions].Location, "options", null, $"more than {MaxOptions.Inv()} cluster options", "split the comparison into several scenarios");
            return null;
        }
        var result = new List<ClusterOption>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"options[{i.Inv()}]";
            var o = FieldReader.Of(items[i], path, diagnostics, context.ReportMissing);
            if (o is null)
            {
                ok = false;
                continue;
            }
            var option = ReadOption(o, path, context);
            if (option is null)
            {
                ok = false;
                continue;
            }
            if (!names.Add(option.Name))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateKey, o.Node("name")!.Location, path + ".name", option.Name, "two options have the same name", "give each option its own name");
                ok = false;
                continue;
            }
            result.Add(option);
        }
        return ok ? result : null;
    }

    private static ClusterOption? ReadOption(FieldReader o, string path, ScenarioContext context)
    {
        var diagnostics = context.Diagnostics;
        var catalog = context.Catalog;
        string? name = o.String("name", required: true);
        string? gpuId = o.String("gpu", required: true);
        GpuSpec? gpu = null;
        if (gpuId is not null && catalog.CheckId<GpuSpec>(gpuId, o.Node("gpu")!.Location, o.FieldPath("gpu"), diagnostics)) gpu = catalog.Get<GpuSpec>(gpuId);
        long? gpus = o.Integer("gpus", required: true, min: 1, max: 10_000_000, rangeHint: "between 1 and 10 million GPUs");
        var ownership = o.Enum<Ownership>("ownership", required: true);

        NodeSpec? node = null;
        string? nodeId = o.String("node");
        if (nodeId is not null)
        {
            if (catalog.CheckId<NodeSpec>(nodeId, o.Node("node")!.Location, o.FieldPath("node"), diagnostics))
            {
                node = catalog.Get<NodeSpec>(nodeId);
                if (gpu is not null && node.GpuId != gpu.Id)
                {
                    diagnostics.Error(DiagnosticCodes.Inconsistent, o.Node("node")!.Location, o.FieldPath("node"), nodeId,
                        $"this node holds {node.GpuId}, not {gpu.Id}",
                        "nodes for this GPU: " + string.Join(", ", catalog.All<NodeSpec>().Where(n => n.GpuId == gpu.Id).Select(n => n.Id)));
                    node = null;
                }
            }
        }
        else if (gpu is not null)
        {
            // Documented rule: the first catalog node (by id) that holds this GPU; echoed in the resolved scenario.
            node = DefaultNode.For(catalog, gpu.Id);
            if (node is null)
                diagnostics.Error(DiagnosticCodes.MissingField, o.Location, o.FieldPath("node"), null, $"no catalog node holds {gpu.Id}", "add a node under catalog: nodes: and name it here");
        }

        if (gpu is not null && context.Training is { } tr && !gpu.Supports(tr.Precision))
            diagnostics.Error(DiagnosticCodes.Inconsistent, o.Node("gpu")!.Location, o.FieldPath("gpu"), gpu.Id,
                $"{gpu.Name} has no {tr.Precision.Name()} tensor cores", "use precision bf16 or another GPU");

        Layout? layout = null;
        Search.PartialLayout? written = null;
        var l = o.Map("layout");
        if (l is not null && gpus is not null) layout = ReadLayout(l, gpus.Value, context, out written);
        else l?.Finish();

        var optionContext = new OptionContext(context, name ?? path, path, gpu, gpus ?? 0, node, ownership, o.Node("gpus")?.Location ?? o.Location);
        var sections = SectionRegistry.ReadOption(o, optionContext);
        o.Finish();
        if (name is null || gpu is null || gpus is null || ownership is null || node is null) return null;
        if (l is not null && layout is null) return null;
        return new ClusterOption { Name = name, Gpu = gpu, Gpus = gpus.Value, Node = node, Ownership = ownership.Value, Layout = layout, WrittenLayout = written, Sections = sections };
    }

    /// <summary>
    /// Reads a layout and checks it against the model, batch and GPU count, with the documented defaults in the
    /// cells left out (dp: what is left); <paramref name="written"/> holds the cells as written, the rest open,
    /// which the plan completes by search (<see cref="Search.PartialLayout"/>).
    /// </summary>
    public static Layout? ReadLayout(FieldReader l, long gpus, ScenarioContext context, out Search.PartialLayout? written)
    {
        written = null;
        int? tp = l.Int("tp", min: 1, max: 1_000_000) ?? 1;
        int? pp = l.Int("pp", min: 1, max: 1_000_000) ?? 1;
        int? vpp = l.Int("vpp", min: 1, max: 1_000_000) ?? 1;
        int? cp = l.Int("cp", min: 1, max: 1_000_000) ?? 1;
        int? ep = l.Int("ep", min: 1, max: 1_000_000) ?? 1;
        int? dp = l.Int("dp", min: 1, max: 10_000_000);
        int? zero = l.Int("zero", min: 0, max: 3, rangeHint: "ZeRO stages are 0, 1, 2 and 3") ?? 0;
        bool? sp = l.Bool("sequence_parallel") ?? (tp > 1);
        var recompute = l.Enum<Recompute>("recompute") ?? Recompute.None;
        int? mb = l.Int("micro_batch", min: 1, max: 1_000_000) ?? 1;
        int? expertTp = l.Int("expert_tp", min: 1, max: 1_000_000) ?? 0;
        l.Finish();
        if (tp is null || pp is null || vpp is null || cp is null || ep is null || zero is null || sp is null || mb is null) return null;
        written = new Search.PartialLayout(
            l.Has("tp") ? tp : null, l.Has("pp") ? pp : null, l.Has("vpp") ? vpp : null, dp, l.Has("cp") ? cp : null, l.Has("ep") ? ep : null,
            l.Has("zero") ? zero : null, l.Has("sequence_parallel") ? sp : null, l.Has("recompute") ? recompute : null, l.Has("micro_batch") ? mb : null);
        bool dpDerivable = true;
        if (dp is null)
        {
            long rest = (long)tp * pp.Value * cp.Value;
            dpDerivable = gpus % rest == 0;
            // When it does not divide, the product rule below reports it (with the other rules).
            dp = (int)Math.Clamp(gpus / rest, 1, int.MaxValue);
        }
        if (expertTp is null) return null;
        var layout = new Layout(tp.Value, pp.Value, vpp.Value, dp.Value, cp.Value, ep.Value, zero.Value, sp.Value, recompute, mb.Value) { ExpertTp = expertTp.Value };
        if (context.Model is null || context.Training is null) return null;
        var violations = LayoutRules.Check(context.Model, context.Training, gpus, layout);
        if (!dpDerivable)
        {
            // dp was not given and cannot be derived: one diagnostic for that, not a cascade about the guessed dp.
            long rest = (long)layout.Tp * layout.Pp * layout.Cp;
            context.Diagnostics.Error(DiagnosticCodes.LayoutRule, l.Location, l.FieldPath("dp"), null,
                $"tp × pp × cp = {rest.Inv()} does not divide the GPU count ({gpus.Inv()})", "choose degrees whose product divides the GPU count");
            violations = [.. violations.Where(v => v.Rule is not (LayoutRule.DegreeProduct or LayoutRule.MicroBatchDividesBatch or LayoutRule.VirtualStages))];
        }
        foreach (var v in violations)
        {
            var at = l.Mapping.Get(v.Field)?.Location ?? l.Location;
            context.Diagnostics.Error(DiagnosticCodes.LayoutRule, at, l.FieldPath(v.Field), v.Value, v.Message, v.Valid);
        }
        return violations.Count == 0 && dpDerivable ? layout : null;
    }
}
