using System.Collections.Immutable;
using System.Globalization;
using Kolosseum.Performance;
using Kolosseum.Reporting;
using Kolosseum.Units;

namespace Kolosseum.Planning.Report;

/// <summary>Small pieces every plan report section uses: names, dates, table rows, the per-option table shape.</summary>
internal static class ReportParts
{
    public static ImmutableArray<string> OptionNames(Plan plan) => [.. plan.Options.Select(p => p.Option.Name)];

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A breakdown key as a reader says it: "tp_communication" → "tensor-parallel communication".</summary>
    public static string PartName(string key) => key switch
    {
        "tp_communication" => "tensor-parallel communication",
        "cp_communication" => "context-parallel communication",
        "ep_communication" => "expert-parallel communication",
        "pp_communication" => "pipeline communication",
        "dp_communication" => "data-parallel communication",
        "pipeline_bubble" => "pipeline bubble",
        "optimizer_states" => "optimizer states",
        "runtime_reserve" => "runtime reserve",
        _ => key.Replace('_', ' '),
    };

    /// <summary>"TP 8 · PP 12 · DP 128 · CP 8": the parallel degrees first, the rest after.</summary>
    public static string Layout(Layout l)
    {
        var parts = new List<string> { "TP " + l.Tp.Inv(), "PP " + l.Pp.Inv() };
        if (l.Vpp > 1) parts.Add("VPP " + l.Vpp.Inv());
        parts.Add("DP " + l.Dp.Inv());
        if (l.Cp > 1) parts.Add("CP " + l.Cp.Inv());
        if (l.Ep > 1) parts.Add("EP " + l.Ep.Inv());
        parts.Add("ZeRO " + l.Zero.Inv());
        if (l.SequenceParallel) parts.Add("SP");
        if (l.Recompute != Recompute.None) parts.Add("recompute " + Yaml.EnumNames<Recompute>.Name(l.Recompute));
        parts.Add("micro-batch " + l.MicroBatch.Inv());
        return string.Join(" · ", parts);
    }

    public static ReportValue Days(double days) =>
        double.IsFinite(days) ? ReportValue.Of(UnitFormat.Number(days) + " d", days * Duration.SecondsPerDay) : ReportValue.Empty;

    /// <summary>A count with its noun, "402 interruptions"; fractional for means.</summary>
    public static ReportValue Counted(double n, string noun) =>
        !double.IsFinite(n) ? ReportValue.Empty
        : ReportValue.Of((Math.Abs(n) >= 1000 ? n.ToString("#,0", CultureInfo.InvariantCulture) : UnitFormat.Number(n)) + " " + noun, n);

    public static ReportValue Gpus(long n) => ReportValue.Of(Count(n) + " GPUs", n);

    public static ReportValue Mw(Watts w) => ReportValue.Of(UnitFormat.Number(w.Megawatts) + " MW", w.Value);

    public static ReportValue Percent(double fraction) => double.IsFinite(fraction) ? ReportValue.Percent(fraction) : ReportValue.Empty;

    public static ReportValue Rate(Economics.HourlyRate r) => ReportValue.Of("$" + r.UsdPerHour.Inv("0.00") + " per GPU-hour", r.UsdPerHour);

    /// <summary>A table with a "quantity" column and one column per option: the comparison's shape for detail rows.</summary>
    public static ReportTable PerOption(Plan plan, string caption, IEnumerable<(string Quantity, Func<OptionPlan, ReportValue> Value)> rows) =>
        new(caption,
            [new TableColumn("Quantity") { Align = ColumnAlign.Left }, .. plan.Options.Select(p => new TableColumn(p.Option.Name))],
            [.. rows.Select(r => ImmutableArray.Create<ReportValue>([r.Quantity, .. plan.Options.Select(r.Value)]))]);

    public static ImmutableArray<ReportValue> Row(params ReportValue[] cells) => [.. cells];

    /// <summary>Distinct values in first-seen order, for series that some options lack.</summary>
    public static IReadOnlyList<string> Union(IEnumerable<IEnumerable<string>> lists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var list in lists)
            foreach (var name in list)
                if (seen.Add(name)) order.Add(name);
        return order;
    }
}
