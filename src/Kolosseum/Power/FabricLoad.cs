using System.Globalization;
using Kolosseum.Fabric;
using Kolosseum.Hardware;

namespace Kolosseum.Power;

/// <summary>Turns a designed cluster fabric into the network load power and capex take.</summary>
public static class FabricLoad
{
    /// <summary>One line per network (back-end, front-end, storage) and kind of part, with its count, watts and price.</summary>
    public static NetworkLoad From(ClusterFabric fabric)
    {
        var lines = new List<NetworkLine>();
        foreach (var design in fabric.All)
        {
            foreach (var category in Enum.GetValues<BomCategory>())
            {
                var parts = design.Bom.Where(b => b.Category == category).ToList();
                if (parts.Count == 0) continue;
                string what = category switch { BomCategory.Switch => "switches", BomCategory.Transceiver => "transceivers", _ => "cables" };
                string ids = string.Join(", ", parts.Select(p => p.Id).Distinct(StringComparer.Ordinal));
                lines.Add(new NetworkLine($"Network {design.Name} {what} ({ids})", parts.Sum(p => p.Count),
                    new Units.Watts(parts.Sum(p => p.Power.Value)), new Units.Usd(parts.Sum(p => p.Cost.Value))));
            }
        }
        var b = fabric.Backend;
        // The islands clause is its own interpolation, so it needs the invariant culture too (a nested $"" would use the current one).
        string islands = b.Islands > 1 ? string.Create(CultureInfo.InvariantCulture, $", {b.Islands} islands at {b.Oversubscription:0.##}:1") : ", non-blocking";
        string basis = string.Create(CultureInfo.InvariantCulture,
            $"fabric design: back-end {b.Tiers}-tier {b.Switch.Id}{islands}, {b.Switches:N0} switches, {b.Transceivers:N0} transceivers; front-end{(fabric.Storage is null ? "" : " and storage")} networks");
        return NetworkLoad.FromDesign(lines, b.Gpus, basis);
    }

    /// <summary>
    /// The fabric of a GPU, node and count under the given settings; when no design exists for them the approximation
    /// stands in and the reason is returned for the output.
    /// </summary>
    public static (NetworkLoad Load, string? Problem) Design(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, FabricSettings settings)
    {
        var outcome = FabricDesigner.Design(catalog, gpu, node, gpus, settings);
        if (outcome.Design is { } fabric) return (From(fabric), null);
        return (NetworkLoad.Approximate(gpus), $"no fabric design ({outcome.Infeasible}); network approximated from shares");
    }

    /// <summary>The fabric of a scenario option, designed from its <c>fabric:</c> section (or the catalog defaults).</summary>
    public static (NetworkLoad Load, string? Problem) ForOption(Catalog.Catalog catalog, Scenarios.ClusterOption option)
    {
        var settings = option.Sections.TryGet<FabricSettings>(out var s) ? s : FabricSettings.Defaults(catalog, option.Node.Id, option.Gpu.Id, option.Gpus);
        return Design(catalog, option.Gpu, option.Node, option.Gpus, settings);
    }
}
