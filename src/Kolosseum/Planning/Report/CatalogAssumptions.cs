using Kolosseum.Catalog;
using Kolosseum.Economics;
using Kolosseum.Fabric;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Yaml;
using ReportAssumption = Kolosseum.Reporting.Assumption;

namespace Kolosseum.Planning.Report;

/// <summary>
/// Every catalog entry the plan used, field by field with the source of each number
/// (<see cref="CatalogEntry.SourceOf"/>); fields that share a source are listed together.
/// </summary>
internal static class CatalogAssumptions
{
    /// <summary>Fields listed elsewhere: the GPU's efficiencies get one line each, build-out phases come from the result.</summary>
    public const string EfficiencyPrefix = "efficiency.";

    public static IEnumerable<ReportAssumption> All(Plan plan)
    {
        var catalog = plan.Scenario.Catalog;
        foreach (var (kind, id) in Used(plan))
        {
            if (catalog.Entry(kind, id) is not { } entry) continue;
            var leaves = Leaves(entry.Fields, "").Where(l => !(kind == Hardware.GpuSpec.Kind && l.Path.StartsWith(EfficiencyPrefix, StringComparison.Ordinal)));
            foreach (var group in leaves.GroupBy(l => SourceFor(entry, l.Path), StringComparer.Ordinal))
                yield return new ReportAssumption($"Catalog {kind}/{id}: " + string.Join("; ", group.Select(l => l.Path + " " + l.Value)), group.Key);
        }
    }

    /// <summary>(kind, id) of each entry the plan rests on, in a fixed order, each once.</summary>
    public static IEnumerable<(string Kind, string Id)> Used(Plan plan)
    {
        var s = plan.Scenario;
        var list = new List<(string, string)> { (Workload.ModelSpec.Kind, s.Model.Id) };
        foreach (var o in s.Options)
        {
            list.Add((Hardware.GpuSpec.Kind, o.Gpu.Id));
            list.Add((Hardware.NodeSpec.Kind, o.Node.Id));
            list.Add((NicSpec.Kind, o.Node.BackendNicId));
            if (o.Sections.TryGet<FabricSettings>(out var f)) list.Add((FabricDefaults.Kind, f.DefaultsId));
            if (o.Sections.TryGet<RentalChoice>(out var rc) && rc.Catalog is { } rent) list.Add((RentalPrice.Kind, rent.Id));
        }
        foreach (var p in plan.Options)
        {
            if (p.Fabric is { } fabric)
                foreach (var line in fabric.All.SelectMany(d => d.Bom))
                    list.Add((BomKind(line.Category), line.Id));
            list.Add((Hardware.StorageSpec.Kind, p.Power.Inventory.Storage.Id));
            list.Add((Hardware.StorageSpec.Kind, p.Reliability.Inputs.Checkpoint.Storage.Spec.Id));
            list.AddRange(p.Reliability.Inputs.Failures.Causes.Select(c => (FailureRate.Kind, c.Entry.Id)));
        }
        var reliability = s.Sections.Get<ReliabilitySettings>();
        var power = s.Sections.Get<PowerSettings>();
        var economics = s.Sections.Get<EconomicsSettings>();
        list.Add((ReliabilityProfile.Kind, reliability.Profile.Id));
        list.Add((FacilitySpec.Kind, power.Facility.Id));
        list.Add((ClusterSizing.Kind, power.Sizing.Id));
        list.Add((CapexAssumptions.Kind, economics.Capex.Id));
        list.Add((OpexAssumptions.Kind, economics.Opex.Id));
        list.Add((RentalPrice.Kind, economics.Rental.Id));
        list.Add((SensitivityRanges.Kind, economics.Sensitivity.Id));
        return list.Distinct();
    }

    /// <summary>The source of a field: its own, else that of the nearest enclosing field that has one, else the entry's.</summary>
    public static string SourceFor(CatalogEntry entry, string path)
    {
        for (string p = path; p.Length > 0; p = p.LastIndexOf('.') is var dot and > 0 ? p[..dot] : "")
            if (entry.SourceByField.TryGetValue(p, out var source)) return source;
        return entry.DefaultSource;
    }

    /// <summary>Each scalar of an entry with its dotted path; a list of scalars is one leaf.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(YNode node, string path)
    {
        switch (node)
        {
            case YScalar scalar:
                if (path.Length > 0) yield return (path, scalar.Value);
                break;
            case YSequence seq when seq.Items.All(i => i is YScalar):
                yield return (path, "[" + string.Join(", ", seq.Items.Cast<YScalar>().Select(i => i.Value)) + "]");
                break;
            case YSequence seq:
                for (int i = 0; i < seq.Items.Count; i++)
                    foreach (var leaf in Leaves(seq.Items[i], path + "[" + i.Inv() + "]")) yield return leaf;
                break;
            case YMapping map:
                foreach (var e in map.Entries)
                {
                    if (path.Length == 0 && e.Key.Value == "id") continue;
                    foreach (var leaf in Leaves(e.Value, path.Length == 0 ? e.Key.Value : path + "." + e.Key.Value)) yield return leaf;
                }
                break;
        }
    }

    private static string BomKind(BomCategory category) => category switch
    {
        BomCategory.Switch => SwitchSpec.Kind,
        BomCategory.Transceiver => TransceiverSpec.Kind,
        _ => CableSpec.Kind,
    };
}
