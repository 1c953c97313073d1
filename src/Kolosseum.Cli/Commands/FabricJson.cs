using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>The JSON document of <c>kolosseum fabric --json</c>: SI units named in the keys (watts, usd, bytes_per_s, meters).</summary>
internal static class FabricJson
{
    public static object Document(GpuSpec gpu, NodeSpec node, FabricSettings s, ClusterFabric fabric) => new
    {
        gpu = gpu.Id,
        node = node.Id,
        settings = new
        {
            defaults = s.DefaultsId, @switch = s.SwitchId, tiers = s.Tiers?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
            oversubscription = s.Oversubscription, islands = s.Islands, island_gpus = s.IslandGpus, rail_optimized = s.RailOptimized, rails = s.Rails,
            nodes_per_rack = s.NodesPerRack, rack_pitch_meters = s.RackPitchMeters, cable_slack_meters = s.CableSlackMeters, in_rack_meters = s.InRackMeters,
            frontend_switch = s.FrontendSwitchId, frontend_port_speed_bytes_per_s = s.FrontendPortSpeed.Value, frontend_oversubscription = s.FrontendOversubscription,
            storage_switch = s.StorageSwitchId, storage_port_speed_bytes_per_s = s.StoragePortSpeed?.Value, storage_links_per_node = s.StorageLinksPerNode,
        },
        backend = Design(fabric.Backend),
        frontend = Design(fabric.Frontend),
        storage = fabric.Storage is null ? null : Design(fabric.Storage),
        total = new { watts = fabric.Power.Value, usd = fabric.Cost.Value },
    };

    private static object Design(FabricDesign d) => new
    {
        name = d.Name,
        @switch = d.Switch.Id,
        technology = EnumNames<NetworkTechnology>.Name(d.Switch.Technology),
        link_speed_bytes_per_s = d.LinkSpeed.Value,
        radix = d.Radix,
        tiers = d.Tiers,
        gpus = d.Gpus,
        nodes = d.Nodes,
        rails = d.Rails,
        islands = d.Islands,
        island_gpus = d.Counts.IslandNodes * d.GpusPerNode,
        oversubscription = d.Oversubscription,
        max_gpus = d.MaxGpus,
        bisection_bytes_per_s = d.Bisection.Value,
        switches = d.Counts.Tiers.Select(t => new { tier = TreeDesigner.TierName(t.Level, d.Tiers), count = t.Switches, down_links = t.DownLinks, up_links = t.UpLinks }),
        links = d.Links.Select(l => new
        {
            name = l.Name, links = l.Links, length_meters = l.LengthMeters, medium = EnumNames<LinkMedium>.Name(l.Medium),
            cable = l.Cable.Id, cables = l.Cables, upper_optic = l.UpperOptic?.Id, upper_optics = l.UpperOptics, lower_optic = l.LowerOptic?.Id, lower_optics = l.LowerOptics,
        }),
        bom = d.Bom.Select(b => new
        {
            category = EnumNames<BomCategory>.Name(b.Category), id = b.Id, role = b.Role, count = b.Count,
            unit_watts = b.UnitPower.Value, unit_usd = b.UnitPrice.Value, watts = b.Power.Value, usd = b.Cost.Value,
        }),
        levels = d.Levels.Select(l => new
        {
            name = l.Name, gpus_within = l.GpusWithin, oversubscription = l.Oversubscription, switch_hops = l.SwitchHops,
            bandwidth_per_gpu_bytes_per_s = l.BandwidthPerGpu.Value, latency_seconds = l.Latency.Seconds,
        }),
        totals = new
        {
            switches = d.Switches, transceivers = d.Transceivers, cables = d.CableCount, watts = d.Power.Value, usd = d.Cost.Value,
            usd_per_gpu = d.Cost.Value / d.Gpus, watts_per_gpu = d.Power.Value / d.Gpus,
        },
        notes = d.Notes,
    };
}
