using Kolosseum.Cli.Infrastructure;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>Terminal tables for <c>kolosseum fabric</c>.</summary>
internal static class FabricRender
{
    public static int Write(CliContext context, GpuSpec gpu, NodeSpec node, FabricSettings s, ClusterFabric fabric)
    {
        var c = context.Console;
        var b = fabric.Backend;
        string over = b.Oversubscription > 1 ? $"{UnitFormat.Number(b.Oversubscription)}:1 above the islands" : "non-blocking";
        c.MarkupLine($"[bold]Back-end fabric[/] for {b.Gpus.Inv()} x {TerminalText.Markup(gpu.Id)} on {b.Nodes.Inv()} x {TerminalText.Markup(node.Id)}");
        c.MarkupLine($"{b.Tiers.Inv()} tiers of {TerminalText.Markup(b.Switch.Name)} at {TreeDesigner.Gbps(b.LinkSpeed)} ({b.Radix.Inv()} ports), "
            + $"{(b.RailOptimized ? $"rail-optimized ({b.Rails.Inv()} rails)" : "top-of-rack")}, {over}"
            + (b.Tiers >= 3 || b.Oversubscription > 1 ? $"; {b.Islands.Inv()} islands of up to {(b.Counts.IslandNodes * b.GpusPerNode).Inv()} GPUs below the top tier" : ""));
        c.MarkupLine($"Largest GPU count for this choice: {b.MaxGpus.Inv()}; bisection {b.Bisection} per direction");
        c.MarkupLine($"Defaults from catalog fabric_defaults [bold]{TerminalText.Markup(s.DefaultsId)}[/]; floor: {s.NodesPerRack.Inv()} nodes per rack, "
            + $"{UnitFormat.Number(s.RackPitchMeters)} m rack pitch, {UnitFormat.Number(s.CableSlackMeters)} m slack");

        var sw = new Table().Border(TableBorder.Simple).Title("switches");
        sw.AddColumn("tier");
        sw.AddColumn(new TableColumn("count").RightAligned());
        sw.AddColumn(new TableColumn("links down").RightAligned());
        sw.AddColumn(new TableColumn("links up").RightAligned());
        foreach (var t in b.Counts.Tiers)
            sw.AddRow(TreeDesigner.TierName(t.Level, b.Tiers), t.Switches.Inv(), t.DownLinks.Inv(), t.UpLinks.Inv());
        c.Write(sw);

        var links = new Table().Border(TableBorder.Simple).Title("links, cables and transceivers");
        foreach (var h in new[] { "link", "links", "length", "medium", "cable", "optic (upper end)", "optic (lower end)" }) links.AddColumn(h);
        foreach (var l in b.Links)
            links.AddRow(l.Name, l.Links.Inv(), UnitFormat.Number(l.LengthMeters) + " m", EnumNames<LinkMedium>.Name(l.Medium),
                $"{l.Cables.Inv()} x {TerminalText.Markup(l.Cable.Id)}",
                l.UpperOptic is null ? "-" : $"{l.UpperOptics.Inv()} x {TerminalText.Markup(l.UpperOptic.Id)}",
                l.LowerOptic is null ? "-" : $"{l.LowerOptics.Inv()} x {TerminalText.Markup(l.LowerOptic.Id)}");
        c.Write(links);

        var bom = new Table().Border(TableBorder.Simple).Title("bill of materials");
        foreach (var h in new[] { "part", "role", "count", "watts", "cost" }) bom.AddColumn(h);
        foreach (var line in b.Bom)
            bom.AddRow(TerminalText.Markup(line.Id), TerminalText.Markup(line.Role), line.Count.Inv(), line.Power.ToString(), line.Cost.ToString());
        foreach (var cat in Enum.GetValues<BomCategory>())
            bom.AddRow($"[bold]all {(cat == BomCategory.Switch ? "switches" : EnumNames<BomCategory>.Name(cat) + "s")}[/]", "",
                b.Bom.Where(x => x.Category == cat).Sum(x => x.Count).Inv(), b.PowerOf(cat).ToString(), b.CostOf(cat).ToString());
        bom.AddRow("[bold]back-end total[/]", "", "", b.Power.ToString(), b.Cost.ToString());
        bom.AddRow("per GPU", "", "", (b.Power / b.Gpus).ToString(), (b.Cost / b.Gpus).ToString());
        c.Write(bom);

        var lv = new Table().Border(TableBorder.Simple).Title("what a collective sees");
        foreach (var h in new[] { "level", "GPUs within", "oversubscription", "switch hops", "bandwidth per GPU", "latency per step" }) lv.AddColumn(h);
        foreach (var l in b.Levels)
            lv.AddRow(l.Name, l.GpusWithin.Inv(), UnitFormat.Number(l.Oversubscription) + ":1", l.SwitchHops.Inv(), l.BandwidthPerGpu.ToString(), l.Latency.ToString());
        c.Write(lv);
        c.MarkupLine($"Collective efficiency {UnitFormat.Number(b.Switch.CollectiveEfficiency)} of line rate ({EnumNames<NetworkTechnology>.Name(b.Switch.Technology)}"
            + $"{(b.Switch.InNetworkReduction ? ", in-network reduction" : "")}); scale-up: {gpu.ScaleUpDomain.Inv()} GPUs at {gpu.ScaleUpBandwidth} per GPU");

        var add = new Table().Border(TableBorder.Simple).Title("all networks");
        foreach (var h in new[] { "network", "switch", "tiers", "switches", "transceivers", "cables", "watts", "cost" }) add.AddColumn(h);
        foreach (var d in fabric.All)
            add.AddRow(d.Name, TerminalText.Markup(d.Switch.Id), d.Tiers.Inv(), d.Switches.Inv(), d.Transceivers.Inv(), d.CableCount.Inv(), d.Power.ToString(), d.Cost.ToString());
        add.AddRow("[bold]total[/]", "", "", "", "", "", fabric.Power.ToString(), fabric.Cost.ToString());
        c.Write(add);
        foreach (var note in fabric.All.SelectMany(d => d.Notes.Select(n => $"{d.Name}: {n}")))
            c.MarkupLine("note: " + TerminalText.Markup(note));
        return ExitCodes.Success;
    }
}
