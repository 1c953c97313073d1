using System.Collections.Immutable;
using System.Globalization;
using Kolosseum.Reporting;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// Maps a plan onto the report document: the answer and the comparison first, then one section per
/// area with its charts, then the resolved scenario and every assumption with its source (docs/report.md).
/// </summary>
public static class PlanReport
{
    public static ReportDocument Build(Plan plan, Uncertainty.UncertainPlan? uncertain = null)
    {
        var s = plan.Scenario;
        return new ReportDocument
        {
            Title = s.Name,
            Subtitle = $"{s.Model.Name}, {UnitFormat.Number(s.Training.Tokens / 1e12)}T tokens, batch {s.Training.BatchRange()} × {s.Training.SeqLen.ToString(CultureInfo.InvariantCulture)}, {Yaml.EnumNames<Hardware.Precision>.Name(s.Training.Precision)}; seed {plan.Seed.ToString(CultureInfo.InvariantCulture)}",
            Answer = uncertain is { Answer.Length: > 0 } u ? plan.Answer + " " + Uncertainty.UncertainPlanner.Headline(u) : plan.Answer,
            Comparison = ComparisonTableOf(plan),
            Sections = [.. PlanReportSections.All(plan, uncertain)],
            Assumptions = [.. PlanReportAssumptions.All(plan)],
            Footer = "kolosseum plan" + (s.File == Scenarios.ScenarioLoader.DefaultName ? "" : " " + Path.GetFileName(s.File)) + " --seed " + plan.Seed.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static ComparisonTable? ComparisonTableOf(Plan plan)
    {
        if (plan.Options.Count == 0) return null;
        var rows = plan.Comparison.Criteria.Select(c => new ComparisonRow(c.Name, c.Preference == Preference.Lower ? Better.Lower : Better.Higher,
            [.. c.Values.Select(v => Value(c.Unit, v))]));
        return new ComparisonTable([.. plan.Comparison.Options], [.. rows]) { Caption = "Each option side by side; the best value of each row is highlighted." };
    }

    internal static ReportValue Value(string unit, double v)
    {
        if (!double.IsFinite(v)) return ReportValue.Empty;
        return unit switch
        {
            "date" => ReportValue.Date(DateOnly.FromDayNumber((int)v)),
            "USD" => ReportValue.Of(new Usd(v)),
            "USD/h" => ReportValue.Of("$" + v.ToString("0.00", CultureInfo.InvariantCulture) + "/GPU-h", v),
            "USD/GPU-y" => ReportValue.Of(new Usd(v) + "/GPU-year", v),
            "MW" => ReportValue.Of(Watts.FromMegawatts(v)),
            "MWh" => ReportValue.Of(Joules.FromMegawattHours(v)),
            "d" => ReportValue.Of(UnitFormat.Number(v) + " d", v),
            "" => ReportValue.Percent(v),
            _ => ReportValue.Of(v),
        };
    }
}
