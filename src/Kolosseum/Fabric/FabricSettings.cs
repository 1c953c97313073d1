using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>
/// The <c>fabric:</c> section of a cluster option. Every field defaults to the catalog's
/// <see cref="FabricDefaults"/> for the option's node (or GPU), and the resolved values are echoed.
/// </summary>
public sealed record FabricSettings : IOptionSection<FabricSettings>
{
    public static string Key => "fabric";

    /// <summary>The catalog <c>fabric_defaults</c> entry the unset fields came from.</summary>
    public required string DefaultsId { get; init; }
    public required string SwitchId { get; init; }

    /// <summary>2, 3 or 4; null for the fewest that fit ("auto").</summary>
    public int? Tiers { get; init; }

    /// <summary>Down:up ratio of the tier that joins islands (1 = non-blocking).</summary>
    public required double Oversubscription { get; init; }

    /// <summary>Number of islands, or null (see <see cref="IslandGpus"/>); both null: the largest unit below the top tier.</summary>
    public long? Islands { get; init; }
    public long? IslandGpus { get; init; }
    public required bool RailOptimized { get; init; }

    /// <summary>Rails of a rail-optimised design; null: one per back-end link of a node.</summary>
    public int? Rails { get; init; }
    public required int NodesPerRack { get; init; }
    public required double RackPitchMeters { get; init; }
    public required double CableSlackMeters { get; init; }
    public required double InRackMeters { get; init; }
    public required string FrontendSwitchId { get; init; }
    public required BytesPerSecond FrontendPortSpeed { get; init; }
    public required double FrontendOversubscription { get; init; }
    public string? StorageSwitchId { get; init; }
    public BytesPerSecond? StoragePortSpeed { get; init; }
    public required int StorageLinksPerNode { get; init; }

    public FloorPlan Floor => new(NodesPerRack, RackPitchMeters, CableSlackMeters, InRackMeters);

    public static FabricSettings From(FabricDefaults d) => new()
    {
        DefaultsId = d.Id, SwitchId = d.SwitchId, Oversubscription = d.Oversubscription, RailOptimized = d.RailOptimized,
        Rails = d.Rails, NodesPerRack = d.NodesPerRack, RackPitchMeters = d.RackPitchMeters, CableSlackMeters = d.CableSlackMeters, InRackMeters = d.InRackMeters,
        FrontendSwitchId = d.FrontendSwitchId, FrontendPortSpeed = d.FrontendPortSpeed, FrontendOversubscription = d.FrontendOversubscription,
        StorageSwitchId = d.StorageSwitchId, StoragePortSpeed = d.StoragePortSpeed, StorageLinksPerNode = d.StorageLinksPerNode,
    };

    /// <summary>The catalog defaults for a cluster of <paramref name="gpus"/> GPUs on a node.</summary>
    public static FabricSettings Defaults(Catalog.Catalog catalog, string? nodeId, string? gpuId, long gpus) => From(FabricDefaults.For(catalog, nodeId, gpuId, gpus));

    /// <summary>"auto" or a tier count of 2 to 4.</summary>
    public static bool TryParseTiers(string text, out int? tiers)
    {
        tiers = null;
        string t = text.Trim();
        if (t.Equals("auto", StringComparison.OrdinalIgnoreCase)) return true;
        if (t is "2" or "3" or "4") { tiers = t[0] - '0'; return true; }
        return false;
    }

    public static FabricSettings Read(FieldReader? section, OptionContext context)
    {
        var catalog = context.Scenario.Catalog;
        var s = Defaults(catalog, context.Node?.Id, context.Gpu?.Id, context.Gpus);
        if (section is not null) s = Apply(section, s, catalog);
        var bag = context.Scenario.Diagnostics;
        if (context.Gpu is not null && context.Node is not null && context.Gpus > 0)
        {
            var where = section is null
                ? new FabricChecks.Locator(k => (context.GpusLocation, context.OptionPath + ".fabric." + k + " (default)"))
                : new FabricChecks.Locator(k => (section.Mapping.Get(k)?.Location ?? section.Location, section.FieldPath(k)));
            FabricChecks.Check(s, catalog, context.Gpu, context.Node, context.Gpus, where, bag);
        }
        return s;
    }

    private static FabricSettings Apply(FieldReader r, FabricSettings s, Catalog.Catalog catalog)
    {
        string? sw = r.String("switch");
        if (sw is not null && catalog.CheckId<SwitchSpec>(sw, r.Node("switch")!.Location, r.FieldPath("switch"), r.Diagnostics)) s = s with { SwitchId = sw };
        if (r.Node("tiers") is { } tn)
        {
            string text = FieldReader.Describe(tn) ?? "";
            if (TryParseTiers(text, out int? tiers)) s = s with { Tiers = tiers };
            else r.Diagnostics.Error(Diagnostics.DiagnosticCodes.OutOfRange, tn.Location, r.FieldPath("tiers"), text, "must be auto, 2, 3 or 4", "a fat tree here has 2 to 4 tiers");
        }
        if (r.Number("oversubscription", min: 1, max: 64, rangeHint: "down:up of the tier joining islands, e.g. 7 for 7:1") is { } over) s = s with { Oversubscription = over };
        if (r.Integer("islands", min: 1, max: 1_000_000) is { } islands) s = s with { Islands = islands };
        if (r.Integer("island_gpus", min: 1, max: 100_000_000) is { } ig) s = s with { IslandGpus = ig };
        if (r.Bool("rail_optimized") is { } rail) s = s with { RailOptimized = rail };
        if (r.Int("rails", min: 1, max: 1024) is { } rails) s = s with { Rails = rails };
        if (r.Int("nodes_per_rack", min: 1, max: 1024) is { } npr) s = s with { NodesPerRack = npr };
        if (r.Quantity("rack_pitch", Dimension.Meters, min: 0.3, max: 20) is { } pitch) s = s with { RackPitchMeters = pitch };
        if (r.Quantity("cable_slack", Dimension.Meters, min: 0, max: 100) is { } slack) s = s with { CableSlackMeters = slack };
        if (r.Quantity("in_rack_length", Dimension.Meters, min: 0.1, max: 10) is { } inRack) s = s with { InRackMeters = inRack };
        string? fe = r.String("frontend_switch");
        if (fe is not null && catalog.CheckId<SwitchSpec>(fe, r.Node("frontend_switch")!.Location, r.FieldPath("frontend_switch"), r.Diagnostics)) s = s with { FrontendSwitchId = fe };
        if (r.Quantity("frontend_port_speed", Dimension.BytesPerSecond, min: 1e6, max: 1e13) is { } feSpeed) s = s with { FrontendPortSpeed = new BytesPerSecond(feSpeed) };
        if (r.Number("frontend_oversubscription", min: 1, max: 64) is { } feOver) s = s with { FrontendOversubscription = feOver };
        string? st = r.String("storage_switch");
        if (st is not null && catalog.CheckId<SwitchSpec>(st, r.Node("storage_switch")!.Location, r.FieldPath("storage_switch"), r.Diagnostics)) s = s with { StorageSwitchId = st };
        if (r.Quantity("storage_port_speed", Dimension.BytesPerSecond, min: 1e6, max: 1e13) is { } stSpeed) s = s with { StoragePortSpeed = new BytesPerSecond(stSpeed) };
        if (r.Int("storage_links_per_node", min: 0, max: 64) is { } stLinks) s = s with { StorageLinksPerNode = stLinks };
        return s;
    }
}
