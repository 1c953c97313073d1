using Kolosseum.Fabric;
using Kolosseum.Reporting;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>The networks each option needs: the back-end fabric's shape, and the bill of materials of all its networks.</summary>
internal static class FabricSection
{
    public static ReportSection? Build(Plan plan)
    {
        var designed = plan.Options.Where(p => p.Fabric is not null).ToList();
        if (designed.Count == 0) return null;
        var blocks = new List<ReportBlock>
        {
            new TableBlock(PerOption(plan, "Back-end fabric",
            [
                ("design", p => p.Fabric?.Backend.Name ?? ""),
                ("switch", p => p.Fabric is { } f ? f.Backend.Switch.Id : ""),
                ("link speed", p => p.Fabric is { } f ? ReportValue.Of(UnitFormat.Decimal(f.Backend.LinkSpeed.Value * 8, "b/s"), f.Backend.LinkSpeed.Value) : ReportValue.Empty),
                ("tiers", p => p.Fabric is { } f ? Counted(f.Backend.Tiers, f.Backend.Tiers == 1 ? "tier" : "tiers") : ReportValue.Empty),
                ("rails", p => p.Fabric is { } f ? Counted(f.Backend.Rails, f.Backend.Rails == 1 ? "rail" : "rails") : ReportValue.Empty),
                ("islands", p => p.Fabric is { } f ? Counted(f.Backend.Islands, f.Backend.Islands == 1 ? "island" : "islands") : ReportValue.Empty),
                ("oversubscription between islands", p => p.Fabric is { } f ? ReportValue.Of(UnitFormat.Number(f.Backend.Oversubscription) + ":1", f.Backend.Oversubscription) : ReportValue.Empty),
                ("bisection bandwidth", p => p.Fabric is { } f ? ReportValue.Of(f.Backend.Bisection) : ReportValue.Empty),
                ("switches", p => p.Fabric is { } f ? Counted(f.Backend.Switches, "switches") : ReportValue.Empty),
                ("transceivers", p => p.Fabric is { } f ? Counted(f.Backend.Transceivers, "transceivers") : ReportValue.Empty),
                ("cables", p => p.Fabric is { } f ? Counted(f.Backend.CableCount, "cables") : ReportValue.Empty),
                ("all networks: power", p => p.Fabric is { } f ? ReportValue.Of(f.Power) : ReportValue.Empty),
                ("all networks: cost", p => p.Fabric is { } f ? ReportValue.Of(f.Cost) : ReportValue.Empty),
            ])),
        };
        foreach (var p in designed)
            blocks.Add(new TableBlock(Bom(p.Option.Name, p.Fabric!)));
        foreach (var p in designed)
            foreach (var note in p.Fabric!.Backend.Notes)
                blocks.Add(new NoteBlock(p.Option.Name + ": " + note));
        return new ReportSection("Network fabric", [.. blocks])
        {
            Lead = "What the networks that tie each option's GPUs together are made of, and what they draw and cost.",
        };
    }

    /// <summary>The bill of materials summed over roles: one row per network and part (a transceiver used at both ends of three tiers is one row).</summary>
    private static ReportTable Bom(string option, ClusterFabric fabric)
    {
        var rows = fabric.All.SelectMany(d => d.Bom.GroupBy(b => (b.Category, b.Id)).Select(g => Row(
            d.Name, Yaml.EnumNames<BomCategory>.Name(g.Key.Category), g.Key.Id, string.Join(", ", g.Select(b => b.Role).Distinct(StringComparer.Ordinal)),
            Counted(g.Sum(b => b.Count), "units"), ReportValue.Of(new Watts(g.Sum(b => b.Power.Value))), ReportValue.Of(new Usd(g.Sum(b => b.Cost.Value))))))
            .Append(Row("Total", "", "", "", "", ReportValue.Of(fabric.Power), ReportValue.Of(fabric.Cost)));
        return new ReportTable("Bill of materials: " + option,
            [new TableColumn("Network"), new TableColumn("Part"), new TableColumn("Catalog id"), new TableColumn("Where"), new TableColumn("Count"),
             new TableColumn("Power"), new TableColumn("Cost")],
            [.. rows]);
    }
}
