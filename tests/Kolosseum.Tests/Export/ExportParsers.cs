using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Yaml;
using Tomlyn;
using Tomlyn.Model;

namespace Kolosseum.Tests.Export;

/// <summary>What a launch file says, read back the way the framework would read it.</summary>
internal sealed record ParsedLaunch(Layout Layout, int GlobalBatch, int SeqLen, Precision Precision, long WorldSize, IReadOnlyList<string> Names);

/// <summary>Test-side readers of the three exported formats (independent of the exporter's code).</summary>
internal static class ExportParsers
{
    /// <summary>The torchrun line and the pretrain_gpt.py arguments of a Megatron launch script.</summary>
    public static (Dictionary<string, string?> Args, Dictionary<string, string?> Torchrun) MegatronArgs(string script)
    {
        var args = new Dictionary<string, string?>(StringComparer.Ordinal);
        var torchrun = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool inArgs = false;
        foreach (var raw in script.Split('\n'))
        {
            string line = raw.Trim().TrimEnd('\\').Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.StartsWith("torchrun ", StringComparison.Ordinal))
            {
                var t = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (int i = 1; i < t.Length; i++)
                    if (t[i].StartsWith("--", StringComparison.Ordinal)) torchrun[t[i]] = i + 1 < t.Length && !t[i + 1].StartsWith("--", StringComparison.Ordinal) ? t[i + 1] : null;
                continue;
            }
            if (line == "pretrain_gpt.py") { inArgs = true; continue; }
            if (!inArgs || !line.StartsWith("--", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', 2);
            Assert.False(args.ContainsKey(parts[0]), $"{parts[0]} is given twice");
            args[parts[0]] = parts.Length > 1 ? parts[1] : null;
        }
        return (args, torchrun);
    }

    public static ParsedLaunch Megatron(string script, int layers)
    {
        var (a, t) = MegatronArgs(script);
        int I(string k, int d = 1) => a.TryGetValue(k, out var v) && v is not null ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : d;
        long world = long.Parse(t["--nnodes"]!, System.Globalization.CultureInfo.InvariantCulture) * long.Parse(t["--nproc-per-node"]!, System.Globalization.CultureInfo.InvariantCulture);
        int tp = I("--tensor-model-parallel-size"), pp = I("--pipeline-model-parallel-size"), cp = I("--context-parallel-size");
        int vpp = a.ContainsKey("--num-virtual-stages-per-pipeline-rank") ? I("--num-virtual-stages-per-pipeline-rank")
            : a.ContainsKey("--num-layers-per-virtual-pipeline-stage") ? layers / pp / I("--num-layers-per-virtual-pipeline-stage") : 1;
        int zero = a.ContainsKey("--use-distributed-optimizer") ? 1
            : a.TryGetValue("--data-parallel-sharding-strategy", out var s) ? s == "optim_grads" ? 2 : 3 : 0;
        var recompute = a.GetValueOrDefault("--recompute-granularity") switch { "selective" => Recompute.Selective, "full" => Recompute.Full, _ => Recompute.None };
        var precision = a.ContainsKey("--fp8-format") ? Precision.Fp8 : a.ContainsKey("--fp16") ? Precision.Fp16 : Precision.Bf16;
        int etp = I("--expert-tensor-parallel-size", tp);
        var layout = new Layout(tp, pp, vpp, (int)(world / ((long)tp * pp * cp)), cp, I("--expert-model-parallel-size"), zero,
            a.ContainsKey("--sequence-parallel"), recompute, I("--micro-batch-size")) { ExpertTp = etp == tp ? 0 : etp };
        return new ParsedLaunch(layout, I("--global-batch-size"), I("--seq-length"), precision, world, [.. a.Keys, .. t.Keys]);
    }

    /// <summary>The dotted keys and values of a NeMo overrides document (read with Kolosseum's YAML reader, which refuses anything malformed).</summary>
    public static Dictionary<string, string> NemoKeys(string yaml)
    {
        var bag = new DiagnosticBag();
        var doc = YamlDocumentReader.Read(yaml, "nemo.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(YNode n, string prefix)
        {
            if (n is YMapping m) foreach (var e in m.Entries) Walk(e.Value, prefix.Length == 0 ? e.Key.Value : prefix + "." + e.Key.Value);
            else if (n is YScalar s) keys[prefix] = s.Value;
            else Assert.Fail($"{prefix}: a list where a value belongs");
        }
        Walk(doc.Root!, "");
        return keys;
    }

    public static ParsedLaunch Nemo(string yaml)
    {
        var k = NemoKeys(yaml);
        int I(string key) => int.Parse(k[key], System.Globalization.CultureInfo.InvariantCulture);
        long world = (long)I("trainer.num_nodes") * I("trainer.devices");
        int tp = I("trainer.strategy.tensor_model_parallel_size"), pp = I("trainer.strategy.pipeline_model_parallel_size"), cp = I("trainer.strategy.context_parallel_size");
        string vpp = k["trainer.strategy.virtual_pipeline_model_parallel_size"];
        var recompute = k["model.config.recompute_granularity"] switch { "selective" => Recompute.Selective, "full" => Recompute.Full, _ => Recompute.None };
        var precision = k.ContainsKey("trainer.plugins.fp8") ? Precision.Fp8 : k["trainer.plugins.precision"] == "16-mixed" ? Precision.Fp16 : Precision.Bf16;
        var layout = new Layout(tp, pp, vpp == "null" ? 1 : int.Parse(vpp, System.Globalization.CultureInfo.InvariantCulture), (int)(world / ((long)tp * pp * cp)), cp,
            I("trainer.strategy.expert_model_parallel_size"), k["optim.config.use_distributed_optimizer"] == "true" ? 1 : 0,
            k["trainer.strategy.sequence_parallel"] == "true", recompute, I("data.micro_batch_size"))
        {
            ExpertTp = k.TryGetValue("trainer.strategy.expert_tensor_parallel_size", out var e) && int.Parse(e, System.Globalization.CultureInfo.InvariantCulture) is var etp && etp != tp ? etp : 0,
        };
        return new ParsedLaunch(layout, I("data.global_batch_size"), I("data.seq_length"), precision, world, [.. k.Keys]);
    }

    /// <summary>A TorchTitan TOML read with Tomlyn (a full TOML parser): section → key → value.</summary>
    public static TomlTable Toml(string text) => TomlSerializer.Deserialize<TomlTable>(text)!;

    public static ParsedLaunch Torchtitan(string text, int layers)
    {
        var doc = Toml(text);
        var p = (TomlTable)doc["parallelism"];
        var tr = (TomlTable)doc["training"];
        int I(TomlTable t, string key) => Convert.ToInt32(t[key], System.Globalization.CultureInfo.InvariantCulture);
        int tp = I(p, "tensor_parallel_degree"), pp = I(p, "pipeline_parallel_degree"), cp = I(p, "context_parallel_degree");
        int dp = I(p, "data_parallel_replicate_degree") * I(p, "data_parallel_shard_degree");
        int zero = p.TryGetValue("fsdp_reshard_after_forward", out var r) ? (string)r == "always" ? 3 : 2 : 0;
        int vpp = 1;
        if (p.TryGetValue("pipeline_parallel_schedule", out var sched) && (string)sched == "Interleaved1F1B")
            vpp = p.TryGetValue("pipeline_parallel_layers_per_stage", out _) ? layers / pp / I(p, "pipeline_parallel_layers_per_stage") : -1;
        var mode = (string)((TomlTable)doc["activation_checkpoint"])["mode"];
        var recompute = mode switch { "selective" => Recompute.Selective, "full" => Recompute.Full, _ => Recompute.None };
        var model = (TomlTable)doc["model"];
        bool fp8 = model.TryGetValue("converters", out var conv) && ((TomlArray)conv).Contains("float8");
        int mb = pp > 1 ? I(p, "pipeline_parallel_microbatch_size") : I(tr, "local_batch_size");
        int etp = p.ContainsKey("expert_tensor_parallel_degree") ? I(p, "expert_tensor_parallel_degree") : tp;
        var layout = new Layout(tp, pp, vpp, dp, cp, I(p, "expert_parallel_degree"), zero, tp > 1, recompute, mb) { ExpertTp = etp == tp ? 0 : etp };
        var names = doc.SelectMany(kv => kv.Value is TomlTable t ? t.Keys.Select(key => kv.Key + "." + key) : [kv.Key]).ToList();
        return new ParsedLaunch(layout, I(tr, "global_batch_size"), I(tr, "seq_len"), fp8 ? Precision.Fp8 : Precision.Bf16, (long)tp * pp * cp * dp, names);
    }
}
