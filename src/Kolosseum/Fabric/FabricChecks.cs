using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Fabric;

/// <summary>
/// Rules a fabric choice must satisfy, shared by the scenario section and the command-line flags:
/// the switch runs the NIC's line rate, islands are whole nodes, and a design exists.
/// </summary>
public static class FabricChecks
{
    /// <summary>Where a settings key was written (a scenario position or a flag) and its field name.</summary>
    public delegate (SourceLocation Location, string Field) Locator(string key);

    /// <summary>Reports bad choices; with <paramref name="designMustExist"/>, also a choice for which no design exists.</summary>
    public static void Check(FabricSettings s, Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, Locator where, DiagnosticBag bag, bool designMustExist = true)
    {
        int before = bag.Items.Count(d => d.Severity == Severity.Error);
        void Error(string key, string? value, string rule, string? suggestion)
        {
            var (loc, field) = where(key);
            bag.Error(DiagnosticCodes.Inconsistent, loc, field, value, rule, suggestion);
        }

        if (catalog.TryGet<SwitchSpec>(s.SwitchId, out var sw) && sw.RadixAt(node.BackendNicBandwidth) is null)
            Error("switch", s.SwitchId, $"{sw.Name} has no {TreeDesigner.Gbps(node.BackendNicBandwidth)} ports for the {node.Name}'s NICs",
                "switches with such ports: " + string.Join(", ", catalog.All<SwitchSpec>().Where(x => x.RadixAt(node.BackendNicBandwidth) is not null).Select(x => x.Id)));
        if (!catalog.TryGet<NicSpec>(node.BackendNicId, out _))
            Error("switch", node.BackendNicId, $"node {node.Id} names back-end NIC '{node.BackendNicId}', which the catalog does not hold", "add it under catalog: nics:");
        if (s.RailOptimized && s.Rails is { } rails && catalog.TryGet<NicSpec>(node.BackendNicId, out var n) && (node.BackendNics * n.Ports) % rails != 0)
            Error("rails", rails.Inv(), $"rails must divide the node's {(node.BackendNics * n.Ports).Inv()} back-end links",
                "valid: " + string.Join(", ", Performance.LayoutRules.Divisors(node.BackendNics * n.Ports)));
        if (s.Islands is not null && s.IslandGpus is not null)
            Error("island_gpus", s.IslandGpus.Value.Inv(), "give either islands or island_gpus, not both", "remove one of them");
        long nodes = (gpus + node.GpusPerNode - 1) / node.GpusPerNode;
        if (s.IslandGpus is { } ig && ig % node.GpusPerNode != 0)
            Error("island_gpus", ig.Inv(), $"an island holds whole nodes of {node.GpusPerNode.Inv()} GPUs",
                $"use {(ig / node.GpusPerNode * node.GpusPerNode).Inv()} or {((ig / node.GpusPerNode + 1) * node.GpusPerNode).Inv()}");
        if (s.Islands is { } k && k > nodes)
            Error("islands", k.Inv(), $"more islands than nodes ({nodes.Inv()})", $"use at most {nodes.Inv()}");
        CheckPort(catalog, s.FrontendSwitchId, s.FrontendPortSpeed, "frontend_port_speed", Error);
        if (s.StorageLinksPerNode > 0)
        {
            if (s.StorageSwitchId is null || s.StoragePortSpeed is null)
                Error("storage_links_per_node", s.StorageLinksPerNode.Inv(), "a storage network needs storage_switch and storage_port_speed", "set both, or storage_links_per_node: 0");
            else CheckPort(catalog, s.StorageSwitchId, s.StoragePortSpeed.Value, "storage_port_speed", Error);
        }
        if (!designMustExist || bag.Items.Count(d => d.Severity == Severity.Error) > before) return;

        var outcome = FabricDesigner.Design(catalog, gpu, node, gpus, s);
        if (!outcome.Ok)
            Error(s.Tiers is null ? "switch" : "tiers", s.Tiers is null ? s.SwitchId : s.Tiers.Value.Inv(), outcome.Infeasible!, outcome.Suggestion);
    }

    private static void CheckPort(Catalog.Catalog catalog, string switchId, BytesPerSecond speed, string key, Action<string, string?, string, string?> error)
    {
        if (catalog.TryGet<SwitchSpec>(switchId, out var sw) && sw.RadixAt(speed) is null)
            error(key, TreeDesigner.Gbps(speed), $"{sw.Name} has no {TreeDesigner.Gbps(speed)} ports", "its ports run at " + string.Join(", ", sw.PortSpeeds.Select(TreeDesigner.Gbps)));
    }
}
