using Kolosseum.Diagnostics;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// The back-end fabric a run's network came from: the settings, the design, and whether they are the scenario
/// option's own (<see cref="Kept"/>) or the catalog default because the option's could not carry the cluster the
/// flags ask for (<see cref="Dropped"/> says why). <see cref="Note"/> is what estimate and search tell the user.
/// </summary>
internal sealed record RunFabric(FabricSettings Settings, FabricDesign Design, bool FromOption, bool Kept, string? Dropped, string? Note)
{
    public object ToJson() => new
    {
        source = FromOption ? (Kept ? "option" : "catalog default (option's dropped)") : "catalog default",
        defaults = Settings.DefaultsId,
        @switch = Design.Switch.Id,
        tiers = Design.Tiers,
        radix = Design.Radix,
        oversubscription = Design.Oversubscription,
        islands = Design.Islands,
        dropped = Dropped,
        note = Note,
    };

    /// <summary>One line: switch, tiers, radix and oversubscription of the design.</summary>
    public static string Describe(FabricDesign d) =>
        $"{d.Tiers.Inv()} tiers of {d.Switch.Id} ({d.Radix.Inv()} ports), " + (d.Oversubscription > 1 ? $"{d.Islands.Inv()} islands at {UnitFormat.Number(d.Oversubscription)}:1" : "non-blocking");

    /// <summary>
    /// The fabric for <paramref name="gpus"/> GPUs. Without an option: the catalog default for that size. With one whose
    /// hardware and size the flags leave alone: the option's fabric as <c>plan</c> designs it. With one whose size (or
    /// node) the flags change: the option's fabric settings (switch, tier rule, oversubscription, islands, rails,
    /// floor) designed for the new size, or, when they cannot carry it, the catalog default with the reason.
    /// </summary>
    public static RunFabric? Resolve(ClusterOption? option, Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, DiagnosticBag bag)
    {
        if (option is null) return Default(catalog, gpu, node, gpus, bag, fromOption: false, dropped: null);
        var own = option.Sections.TryGet<FabricSettings>(out var s) ? s : FabricSettings.Defaults(catalog, option.Node.Id, option.Gpu.Id, option.Gpus);
        bool same = option.Gpu == gpu && option.Node == node && option.Gpus == gpus;
        string? problem = Infeasible(own, catalog, gpu, node, gpus, out var design);
        if (problem is null)
        {
            string? note = same ? null : $"fabric: the option's ({own.DefaultsId} settings, tiers {(own.Tiers is { } t ? t.Inv() : "auto")}) designed for {gpus.Inv()} GPUs: {Describe(design!)}";
            return new RunFabric(own, design!, FromOption: true, Kept: true, Dropped: null, Note: note);
        }
        if (same)
        {
            // A loaded scenario has checked its own fabric; reaching this is a bug in the loader.
            throw new InvalidOperationException($"option '{option.Name}' has no feasible fabric: {problem}");
        }
        return Default(catalog, gpu, node, gpus, bag, fromOption: true, dropped: problem);
    }

    private static RunFabric? Default(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, DiagnosticBag bag, bool fromOption, string? dropped)
    {
        var settings = FabricSettings.Defaults(catalog, node.Id, gpu.Id, gpus);
        string? problem = Infeasible(settings, catalog, gpu, node, gpus, out var design);
        if (problem is not null)
        {
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--gpus"), "--gpus", gpus.Inv(),
                (dropped is null ? "" : $"the option's fabric cannot carry it ({dropped}), nor can ") + "the catalog default fabric: " + problem,
                "use fewer GPUs, or see 'kolosseum fabric --gpus N' for what the switches allow");
            return null;
        }
        string? note = dropped is null ? null
            : $"fabric: dropped the option's fabric, which cannot carry {gpus.Inv()} GPUs ({dropped}); using the catalog default {settings.DefaultsId}: {Describe(design!)}";
        return new RunFabric(settings, design!, fromOption, Kept: false, Dropped: dropped, Note: note);
    }

    /// <summary>Why these settings give no back-end for this cluster (the scenario and flag rules, then the designer), or null.</summary>
    private static string? Infeasible(FabricSettings settings, Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, out FabricDesign? design)
    {
        design = null;
        var checks = new DiagnosticBag();
        FabricChecks.Check(settings, catalog, gpu, node, gpus, key => (SourceLocation.ForFlag("fabric." + key), "fabric." + key), checks, designMustExist: false);
        var first = checks.Items.FirstOrDefault(d => d.Severity == Severity.Error);
        if (first is not null) return $"{first.Field}: {first.Rule}";
        var outcome = FabricDesigner.Backend(catalog, gpu, node, gpus, settings);
        if (!outcome.Ok) return outcome.Infeasible;
        design = outcome.Design;
        return null;
    }

    public ClusterNetwork Network(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node) =>
        FabricNetwork.ToClusterNetwork(Design, gpu, node, catalog.Get<NicSpec>(node.BackendNicId));
}
