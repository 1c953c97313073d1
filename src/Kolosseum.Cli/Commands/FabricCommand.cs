using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum fabric --gpus N</c>: designs the back-end fabric (plus the front-end and storage add-ons)
/// and prints switches, links, cables, transceivers, watts, cost and the bandwidth at each level.
/// </summary>
internal static class FabricCommand
{
    /// <summary>Documented default when neither --gpu nor --node is given: the GPU of the seed question.</summary>
    public const string DefaultGpu = "H100-SXM-80GB";

    public static Command Create(CliContext context)
    {
        var gpus = CommonOptions.Gpus();
        var gpu = CommonOptions.Gpu();
        var node = new Option<string?>("--node") { Description = "Node catalog id, e.g. dgx-h100 (default: the first catalog node that holds the GPU)" };
        var sw = new Option<string?>("--switch") { Description = "Back-end switch catalog id, e.g. qm9700, sn5600, tomahawk5 (default: the catalog's fabric defaults for the node)" };
        var tiers = new Option<string?>("--tiers") { Description = "auto, 2, 3 or 4 (default: auto, the fewest that fit)" };
        var over = new Option<string?>("--oversubscription") { Description = "Down:up ratio of the tier that joins islands, e.g. 7 for 7:1 (default: catalog, 1)" };
        var islands = new Option<string?>("--islands") { Description = "Number of islands joined by the top tier" };
        var islandGpus = new Option<string?>("--island-gpus") { Description = "GPUs per island, e.g. 24576" };
        var json = CommonOptions.Json();
        var command = new Command("fabric", "Design the network fabric for N GPUs: switches, links, cables, optics, watts, cost, bandwidth per level")
        {
            gpus, gpu, node, sw, tiers, over, islands, islandGpus, json,
        };
        command.SetAction(parse => Run(context, new Flags(parse.GetValue(gpus), parse.GetValue(gpu), parse.GetValue(node), parse.GetValue(sw),
            parse.GetValue(tiers), parse.GetValue(over), parse.GetValue(islands), parse.GetValue(islandGpus)), parse.GetValue(json)));
        return command;
    }

    private sealed record Flags(string? Gpus, string? Gpu, string? Node, string? Switch, string? Tiers, string? Oversubscription, string? Islands, string? IslandGpus);

    private static int Run(CliContext context, Flags f, bool json)
    {
        var bag = new DiagnosticBag();
        var values = new FlagValues(bag);
        var catalog = Catalog.Catalog.Embedded;
        long? gpus = values.Integer("--gpus", f.Gpus, 1, 10_000_000);
        if (f.Gpus is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpus"), "--gpus", null, "is required", "e.g. --gpus 100k");
        var (gpu, node) = ResolveHardware(catalog, f, bag);
        FabricSettings? settings = node is null ? null : FabricSettings.Defaults(catalog, node.Id, gpu?.Id, gpus ?? 1);
        if (settings is not null)
        {
            if (f.Switch is not null && catalog.CheckId<SwitchSpec>(f.Switch, SourceLocation.ForFlag("--switch"), "--switch", bag)) settings = settings with { SwitchId = catalog.Get<SwitchSpec>(f.Switch).Id };
            if (f.Tiers is not null)
            {
                if (FabricSettings.TryParseTiers(f.Tiers, out int? t)) settings = settings with { Tiers = t };
                else bag.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("--tiers"), "--tiers", f.Tiers, "must be auto, 2, 3 or 4", "a fat tree here has 2 to 4 tiers");
            }
            if (values.Quantity("--oversubscription", f.Oversubscription, Dimension.Dimensionless, 1, 64) is { } r) settings = settings with { Oversubscription = r };
            if (values.Integer("--islands", f.Islands, 1, 1_000_000) is { } k) settings = settings with { Islands = k };
            if (values.Integer("--island-gpus", f.IslandGpus, 1, 100_000_000) is { } ig) settings = settings with { IslandGpus = ig };
        }
        if (bag.HasErrors || gpu is null || node is null || settings is null || gpus is null) return context.Fail(bag);

        var flagOf = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["switch"] = "--switch", ["tiers"] = "--tiers", ["islands"] = "--islands", ["island_gpus"] = "--island-gpus", ["oversubscription"] = "--oversubscription",
        };
        FabricChecks.Check(settings, catalog, gpu, node, gpus.Value, key =>
        {
            string flag = flagOf.TryGetValue(key, out var fl) ? fl : $"fabric_defaults[{settings.DefaultsId}].{key}";
            return (SourceLocation.ForFlag(flag), flag);
        }, bag, designMustExist: false);
        if (bag.HasErrors) return context.Fail(bag);
        // A valid choice that cannot carry these GPUs is an infeasible answer (exit 1), not bad input.
        var outcome = FabricDesigner.Design(catalog, gpu, node, gpus.Value, settings);
        if (!outcome.Ok)
        {
            context.Stderr.WriteLine(TerminalText.Clean($"no fabric: {outcome.Infeasible}" + (outcome.Suggestion is null ? "" : $" ({outcome.Suggestion})")));
            return ExitCodes.Infeasible;
        }
        var fabric = outcome.Design!;
        return json ? Json.Write(context, FabricJson.Document(gpu, node, settings, fabric)) : FabricRender.Write(context, gpu, node, settings, fabric);
    }

    private static (GpuSpec? Gpu, NodeSpec? Node) ResolveHardware(Catalog.Catalog catalog, Flags f, DiagnosticBag bag)
    {
        NodeSpec? node = null;
        GpuSpec? gpu = null;
        if (f.Node is not null && catalog.CheckId<NodeSpec>(f.Node, SourceLocation.ForFlag("--node"), "--node", bag)) node = catalog.Get<NodeSpec>(f.Node);
        string gpuId = f.Gpu ?? node?.GpuId ?? DefaultGpu;
        if ((f.Gpu is null || catalog.CheckId<GpuSpec>(gpuId, SourceLocation.ForFlag("--gpu"), "--gpu", bag)) && catalog.TryGet<GpuSpec>(gpuId, out var g)) gpu = g;
        if (gpu is null) return (null, node);
        if (node is not null && node.GpuId != gpu.Id)
        {
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--node"), "--node", node.Id, $"this node holds {node.GpuId}, not {gpu.Id}",
                "nodes for this GPU: " + string.Join(", ", catalog.All<NodeSpec>().Where(n => n.GpuId == gpu.Id).Select(n => n.Id)));
            return (gpu, null);
        }
        if (node is null && f.Node is null)
        {
            node = DefaultNode.For(catalog, gpu.Id);
            if (node is null)
                bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpu"), "--node", null, $"no catalog node holds {gpu.Id}", "name one with --node");
        }
        return (gpu, node);
    }
}
