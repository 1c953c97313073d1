using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>
/// The fabric a node family is normally built with: switch, oversubscription, rail optimisation and the
/// physical layout the cable lengths come from. A scenario's <c>fabric:</c> section overrides any of it.
/// Chosen by node id, then GPU id, then the general entries (no nodes, no GPUs); within those, by cluster
/// size: the entry with the largest <see cref="MinGpus"/> the cluster reaches (<see cref="For"/>). Large
/// clusters are not built as small ones scaled up (docs/fabric.md, "Defaults by cluster size").
/// </summary>
public sealed record FabricDefaults : ICatalogItem<FabricDefaults>
{
    public static string Kind => "fabric_defaults";
    public const string FallbackId = "default";

    public required string Id { get; init; }
    public required IReadOnlyList<string> Nodes { get; init; }
    public required IReadOnlyList<string> Gpus { get; init; }
    public required string SwitchId { get; init; }
    public required double Oversubscription { get; init; }
    public required bool RailOptimized { get; init; }
    /// <summary>Rails of a rail-optimised design; null: one per back-end link of a node.</summary>
    public int? Rails { get; init; }
    public required int NodesPerRack { get; init; }

    /// <summary>The smallest cluster (GPUs) this entry is the default for; 1 for the entry of every size.</summary>
    public long MinGpus { get; init; } = 1;

    /// <summary>Side of the square of floor one rack takes with its share of aisles.</summary>
    public required double RackPitchMeters { get; init; }

    /// <summary>Added to every run between racks: risers to the overhead tray, slack loops.</summary>
    public required double CableSlackMeters { get; init; }

    /// <summary>Length of a link that stays inside one rack.</summary>
    public required double InRackMeters { get; init; }

    public required string FrontendSwitchId { get; init; }
    public required BytesPerSecond FrontendPortSpeed { get; init; }
    public required double FrontendOversubscription { get; init; }

    /// <summary>Separate storage fabric; null where storage traffic shares the front-end.</summary>
    public string? StorageSwitchId { get; init; }
    public BytesPerSecond? StoragePortSpeed { get; init; }
    public required int StorageLinksPerNode { get; init; }

    /// <summary>
    /// The defaults for <paramref name="gpus"/> GPUs on a node: the entries naming the node, else those naming its
    /// GPU, else the general ones; of these the one with the largest <see cref="MinGpus"/> at or below the cluster
    /// size (the smallest when the cluster is below them all; ties: the first in the catalog).
    /// </summary>
    public static FabricDefaults For(Catalog.Catalog catalog, string? nodeId, string? gpuId, long gpus)
    {
        var all = catalog.All<FabricDefaults>();
        var family = all.Where(d => nodeId is not null && d.Nodes.Contains(nodeId, StringComparer.OrdinalIgnoreCase)).ToList();
        if (family.Count == 0) family = [.. all.Where(d => gpuId is not null && d.Gpus.Contains(gpuId, StringComparer.OrdinalIgnoreCase))];
        if (family.Count == 0) family = [.. all.Where(d => d.Nodes.Count == 0 && d.Gpus.Count == 0)];
        if (family.Count == 0) return catalog.Get<FabricDefaults>(FallbackId);
        var reached = family.Where(d => d.MinGpus <= gpus).ToList();
        return reached.Count > 0
            ? reached.Aggregate((best, d) => d.MinGpus > best.MinGpus ? d : best)
            : family.Aggregate((best, d) => d.MinGpus < best.MinGpus ? d : best);
    }

    public static FabricDefaults? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        var nodes = Ids<NodeSpec>(r, "nodes", catalog);
        var gpus = Ids<GpuSpec>(r, "gpus", catalog);
        string? sw = SwitchRef(r, "switch", catalog, required: true);
        double? over = r.Number("oversubscription", required: true, min: 1, max: 64);
        bool? rail = r.Bool("rail_optimized", required: true);
        int? rails = r.Int("rails", min: 1, max: 1024);
        int? npr = r.Int("nodes_per_rack", required: true, min: 1, max: 1024);
        long? minGpus = r.Integer("min_gpus", min: 1, max: 100_000_000);
        double? pitch = r.Quantity("rack_pitch", Dimension.Meters, required: true, min: 0.3, max: 20);
        double? slack = r.Quantity("cable_slack", Dimension.Meters, required: true, min: 0, max: 100);
        double? inRack = r.Quantity("in_rack_length", Dimension.Meters, required: true, min: 0.1, max: 10);
        string? fe = SwitchRef(r, "frontend_switch", catalog, required: true);
        double? feSpeed = r.Quantity("frontend_port_speed", Dimension.BytesPerSecond, required: true, min: 1e6, max: 1e13);
        double? feOver = r.Number("frontend_oversubscription", required: true, min: 1, max: 64);
        string? st = SwitchRef(r, "storage_switch", catalog, required: false);
        double? stSpeed = r.Quantity("storage_port_speed", Dimension.BytesPerSecond, min: 1e6, max: 1e13);
        int? stLinks = r.Int("storage_links_per_node", required: true, min: 0, max: 64);
        if (nodes is null || gpus is null || sw is null || over is null || rail is null || npr is null || pitch is null || slack is null
            || inRack is null || fe is null || feSpeed is null || feOver is null || stLinks is null)
            return null;
        return new FabricDefaults
        {
            Id = entry.Id, Nodes = nodes, Gpus = gpus, SwitchId = sw, Oversubscription = over.Value, RailOptimized = rail.Value, Rails = rails,
            NodesPerRack = npr.Value, MinGpus = minGpus ?? 1, RackPitchMeters = pitch.Value, CableSlackMeters = slack.Value, InRackMeters = inRack.Value,
            FrontendSwitchId = fe, FrontendPortSpeed = new BytesPerSecond(feSpeed.Value), FrontendOversubscription = feOver.Value,
            StorageSwitchId = st, StoragePortSpeed = stSpeed is null ? null : new BytesPerSecond(stSpeed.Value), StorageLinksPerNode = stLinks.Value,
        };
    }

    private static string? SwitchRef(FieldReader r, string key, Catalog.Catalog catalog, bool required)
    {
        string? id = r.String(key, required);
        if (id is null) return null;
        return catalog.CheckId<SwitchSpec>(id, r.Node(key)!.Location, r.FieldPath(key), r.Diagnostics) ? id : null;
    }

    private static List<string>? Ids<T>(FieldReader r, string key, Catalog.Catalog catalog) where T : class, ICatalogItem<T>
    {
        var node = r.Node(key);
        if (node is null) return [];
        var items = r.List(key);
        if (items is null) return null;
        var result = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not YScalar s)
            {
                r.Diagnostics.Error(DiagnosticCodes.WrongType, items[i].Location, $"{r.FieldPath(key)}[{i.Inv()}]", null, "expected an id");
                continue;
            }
            if (catalog.CheckId<T>(s.Value, s.Location, $"{r.FieldPath(key)}[{i.Inv()}]", r.Diagnostics)) result.Add(s.Value);
        }
        return result;
    }
}
