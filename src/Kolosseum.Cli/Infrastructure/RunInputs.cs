using System.CommandLine;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Workload;
using Kolosseum.Yaml;
using Kolosseum.Cli.Commands;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>The model, training run and cluster (with its network) a command works on, from flags or from a scenario option.</summary>
internal sealed record RunInputs(ModelSpec Model, TrainingSpec Training, GpuSpec Gpu, NodeSpec Node, long Gpus, ClusterNetwork Network, Catalog.Catalog Catalog, ClusterOption? Option, RunFabric Fabric)
{
    public PerformanceModel PerformanceModel() => new(Model, Training, Gpu, Network);
}

/// <summary>Flags shared by estimate and search (--model, --gpu, --gpus, --global-batch, --seq, --precision...).</summary>
internal sealed class RunFlags
{
    public Argument<string?> Scenario { get; } = new("scenario") { Description = "Scenario YAML file (optional; flags override it)", Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> OptionName { get; } = new("--option") { Description = "Cluster option of the scenario to use (default: the first)" };
    public Option<string?> Model { get; } = CommonOptions.Model();
    public Option<string?> Gpu { get; } = CommonOptions.Gpu();
    public Option<string?> Gpus { get; } = CommonOptions.Gpus();
    public Option<string?> Node { get; } = new("--node") { Description = "Node catalog id (default: the first node holding the GPU)" };
    public Option<string?> Tokens { get; } = new("--tokens") { Description = "Tokens to train on, e.g. 15T (default: the scenario's, or 1T)" };
    public Option<string?> GlobalBatch { get; } = new("--global-batch") { Description = "Sequences per optimizer step (default: the scenario's, or 2048)" };
    public Option<string?> Seq { get; } = new("--seq") { Description = "Sequence length in tokens (default: the model's)" };
    public Option<string?> Precision { get; } = new("--precision") { Description = "bf16, fp16 or fp8 (default: bf16)" };
    public Option<string?> Attention { get; } = new("--attention") { Description = "Attention kernel: flash (default) or standard" };
    public Option<string?> MoeDispatcher { get; } = new("--moe-dispatcher") { Description = "MoE token exchange: all_to_all (NCCL, default) or deep_ep (DeepEP-class kernels)" };
    public Option<string?> MoeOverlap { get; } = new("--moe-overlap") { Description = "Overlap MoE dispatch/combine with computation (DualPipe, 1F1B a2a overlap): on|off (default off)" };
    public Option<string?> MoeCapacity { get; } = new("--moe-capacity-factor") { Description = "Token-drop capacity factor, e.g. 1.25 (default: dropless)" };
    public Option<string?> MoeImbalance { get; } = new("--moe-imbalance") { Description = "Dropless routing: busiest expert rank's tokens over the balanced share (default 1)" };
    public Option<string?> Fp8Recipe { get; } = new("--fp8-recipe") { Description = "FP8 scaling: tensorwise (default), blockwise or mxfp8" };

    /// <summary>Documented defaults when neither flags nor a scenario give a value (echoed in the output).</summary>
    public const double DefaultTokens = 1e12;
    public const int DefaultGlobalBatch = 2048;

    public void AddTo(Command command)
    {
        command.Arguments.Add(Scenario);
        foreach (var o in new Option[] { OptionName, Model, Gpu, Gpus, Node, Tokens, GlobalBatch, Seq, Precision, Attention, MoeDispatcher, MoeOverlap, MoeCapacity, MoeImbalance, Fp8Recipe }) command.Options.Add(o);
    }

    public RunInputs? Read(ParseResult parse, DiagnosticBag bag)
    {
        var flags = new FlagValues(bag);
        Scenario? scenario = null;
        ClusterOption? option = null;
        string? path = parse.GetValue(Scenario);
        if (path is not null)
        {
            scenario = ScenarioLoader.Load(path, bag);
            if (scenario is null) return null;
            string? name = parse.GetValue(OptionName);
            option = name is null ? scenario.Options[0] : scenario.Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                var names = scenario.Options.Select(o => o.Name).ToList();
                bag.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag("--option"), "--option", name, "no cluster option with this name", Suggest.DidYouMean(name!, names));
                return null;
            }
        }
        var catalog = scenario?.Catalog ?? Catalog.Catalog.Embedded;

        ModelSpec? model = scenario?.Model;
        if (parse.GetValue(Model) is { } modelId)
            model = catalog.CheckId<ModelSpec>(modelId, SourceLocation.ForFlag("--model"), "--model", bag) ? catalog.Get<ModelSpec>(modelId) : null;
        else if (model is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--model"), "--model", null, "is required without a scenario", "e.g. --model llama3.1-405b");

        GpuSpec? gpu = option?.Gpu;
        if (parse.GetValue(Gpu) is { } gpuId)
            gpu = catalog.CheckId<GpuSpec>(gpuId, SourceLocation.ForFlag("--gpu"), "--gpu", bag) ? catalog.Get<GpuSpec>(gpuId) : null;
        else if (gpu is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpu"), "--gpu", null, "is required without a scenario", "e.g. --gpu H100-SXM-80GB");

        long? gpus = flags.Integer("--gpus", parse.GetValue(Gpus), 1, 10_000_000) ?? option?.Gpus;
        if (gpus is null && parse.GetValue(Gpus) is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpus"), "--gpus", null, "is required without a scenario", "e.g. --gpus 1024");

        NodeSpec? node = option?.Node is { } n && gpu is not null && n.GpuId == gpu.Id ? n : null;
        if (parse.GetValue(Node) is { } nodeId)
            node = catalog.CheckId<NodeSpec>(nodeId, SourceLocation.ForFlag("--node"), "--node", bag) ? catalog.Get<NodeSpec>(nodeId) : null;
        else if (node is null && gpu is not null)
        {
            node = catalog.All<NodeSpec>().FirstOrDefault(x => x.GpuId == gpu.Id);
            if (node is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--node"), "--node", null, $"no catalog node holds {gpu.Id}", "give --node");
        }
        if (node is not null && gpu is not null && node.GpuId != gpu.Id)
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--node"), "--node", node.Id, $"this node holds {node.GpuId}, not {gpu.Id}");

        double? tokens = flags.Quantity("--tokens", parse.GetValue(Tokens), Dimension.Count, 1, 1e17) ?? scenario?.Training.Tokens ?? DefaultTokens;
        int? batch = flags.Int("--global-batch", parse.GetValue(GlobalBatch), 1, 100_000_000) ?? scenario?.Training.GlobalBatch ?? DefaultGlobalBatch;
        int? seq = flags.Int("--seq", parse.GetValue(Seq), 1, 100_000_000) ?? scenario?.Training.SeqLen ?? model?.SeqLen;
        var precision = flags.Enum<Precision>("--precision", parse.GetValue(Precision)) ?? scenario?.Training.Precision ?? Hardware.Precision.Bf16;
        var attention = flags.Enum<AttentionKernel>("--attention", parse.GetValue(Attention)) ?? scenario?.Training.Attention ?? AttentionKernel.Flash;
        if (gpu is not null && !gpu.Supports(precision))
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--precision"), "--precision", precision.Name(), $"{gpu.Name} has no {precision.Name()} tensor cores", "use bf16");
        var moe = ReadMoe(parse, flags, scenario?.Training.Moe ?? MoeOptions.Default, bag);
        if (bag.HasErrors || model is null || gpu is null || node is null || gpus is null || tokens is null || batch is null || seq is null || moe is null) return null;
        var fabric = RunFabric.Resolve(option, catalog, gpu, node, gpus.Value, bag);
        if (fabric is null) return null;
        var network = fabric.Network(catalog, gpu, node);
        var training = new TrainingSpec { Tokens = tokens.Value, GlobalBatch = batch.Value, SeqLen = seq.Value, Precision = precision, Attention = attention, Moe = moe };
        return new RunInputs(model, training, gpu, node, gpus.Value, network, catalog, option, fabric);
    }

    /// <summary>Mixture-of-experts and FP8 execution flags over the scenario's (or the defaults).</summary>
    private MoeOptions? ReadMoe(ParseResult parse, FlagValues flags, MoeOptions baseline, DiagnosticBag bag)
    {
        var dispatcher = flags.Enum<Performance.MoeDispatcher>("--moe-dispatcher", parse.GetValue(MoeDispatcher)) ?? baseline.Dispatcher;
        bool? overlap = parse.GetValue(MoeOverlap) switch
        {
            null => baseline.Overlap,
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            var other => null,
        };
        if (overlap is null)
            bag.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag("--moe-overlap"), "--moe-overlap", parse.GetValue(MoeOverlap), "must be on or off");
        double? capacity = parse.GetValue(MoeCapacity) is { } c ? flags.Quantity("--moe-capacity-factor", c, Dimension.Count, 1, 64) : baseline.CapacityFactor;
        double? imbalance = parse.GetValue(MoeImbalance) is { } i ? flags.Quantity("--moe-imbalance", i, Dimension.Count, 1, 64) : baseline.Imbalance;
        var recipe = flags.Enum<Performance.Fp8Recipe>("--fp8-recipe", parse.GetValue(Fp8Recipe)) ?? baseline.Fp8Recipe;
        if (overlap is null || capacity is null || imbalance is null) return null;
        return baseline with { Dispatcher = dispatcher, Overlap = overlap.Value, CapacityFactor = capacity.Value, Imbalance = imbalance.Value, Fp8Recipe = recipe };
    }
}
