using System.Collections.Immutable;
using System.Globalization;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Uncertainty;
using Kolosseum.Units;

namespace Kolosseum.Planning.Report;

/// <summary>
/// The report's "What we do not know" section (docs/uncertainty.md): the spreads of every headline figure, the
/// chance each option wins each criterion, and per criterion a tornado of the inputs that move the lead.
/// </summary>
internal static class UncertaintySection
{
    public static ReportSection? Build(UncertainPlan? u)
    {
        if (u is null || u.Options.Count == 0) return null;
        var blocks = new List<ReportBlock>();
        if (u.Answer.Length > 0) blocks.Add(new ParagraphBlock(u.Answer));
        blocks.Add(new TableBlock(new ReportTable(
            $"P50 (P10 to P90) over {u.Samples.ToString("N0", CultureInfo.InvariantCulture)} joint samples of the uncertain inputs, and the chance each option wins",
            [new TableColumn("Criterion") { Align = ColumnAlign.Left }, .. u.Options.Select(o => new TableColumn(o.Name)), new TableColumn("Verdict") { Align = ColumnAlign.Left }],
            [.. u.Criteria.Select(c => ImmutableArray.Create<ReportValue>([
                c.Metric.Name(),
                .. u.Options.Select((o, k) => ReportValue.Of($"{Show(c.Metric, o.Figures[c.Metric].P50)} ({Show(c.Metric, o.Figures[c.Metric].P10)} to {Show(c.Metric, o.Figures[c.Metric].P90)}); wins {Pct(c.WinProbability[k])}")),
                c.Sentence])),
            ])));
        if (u.Options.Count > 1)
        {
            blocks.Add(new ChartBlock(new BarChart("Chance of winning each criterion", [.. u.Criteria.Select(c => c.Metric.Name())],
                [.. u.Options.Select((o, k) => new BarSeries(o.Name, [.. u.Criteria.Select(c => c.WinProbability[k])]))],
                new AxisSpec("Share of the joint samples in which the option is best", AxisUnit.Percent))
            {
                Description = "Each bar adds up to 100 %: in what share of the samples each option is best on the criterion. A split bar is a criterion the inputs' ranges do not settle.",
            }));
            foreach (var c in u.Criteria.Where(c => c.Leader is not null && c.RunnerUp is not null && c.Tornado.Count > 0 && c.Metric != Metric.Days))
            {
                string leader = u.Options[c.Leader!.Value].Name, runner = u.Options[c.RunnerUp!.Value].Name;
                double baseline = c.LeadAtMedians;
                blocks.Add(new ChartBlock(new TornadoChart($"What flips the {c.Metric.Name()}: {leader} ahead of {runner}", Axis(c.Metric, leader, runner), Scale(c.Metric, baseline),
                    [.. c.Tornado.Take(8).Select(b => new TornadoBar(b.Input.Label, Scale(c.Metric, b.LeadAtLow), Scale(c.Metric, b.LeadAtHigh), Format(b.LowValue), Format(b.HighValue)))])
                {
                    ZeroLine = true,
                    Description = $"Each input alone at its P10 and its P90, the others at their medians; below zero {runner} is ahead. " + c.Sentence,
                }));
            }
        }
        blocks.Add(new TableBlock(new ReportTable("The uncertain inputs, their ranges and sources",
            [new TableColumn("Input") { Align = ColumnAlign.Left }, new TableColumn("Range") { Align = ColumnAlign.Left }, new TableColumn("Source") { Align = ColumnAlign.Left }],
            [.. u.Inputs.Where(i => i.Option is null or 0).Select(i => ImmutableArray.Create<ReportValue>([
                i.Input.Key() + ": " + i.Input.Meaning(), i.Value.Describe(), i.Value.Source]))])));
        return new ReportSection("What we do not know", [.. blocks])
        {
            Lead = "Every headline figure as a range from joint samples of the inputs that are uncertain, who wins how often, and which input decides where the options overlap.",
        };
    }

    private static AxisSpec Axis(Metric m, string leader, string runner) => m switch
    {
        Metric.RunCost or Metric.Tco => new AxisSpec($"{runner} minus {leader}", AxisUnit.Usd),
        Metric.FacilityMw => new AxisSpec($"{runner} minus {leader}", AxisUnit.Watts),
        _ => new AxisSpec($"{runner} minus {leader}", AxisUnit.Duration),
    };

    /// <summary>Chart values are SI: days to seconds, MW to W.</summary>
    private static double Scale(Metric m, double v) => m switch
    {
        Metric.Days or Metric.Finish => v * 86400,
        Metric.FacilityMw => v * 1e6,
        _ => v,
    };

    private static string Show(Metric m, double v)
    {
        if (!double.IsFinite(v)) return "-";
        return m switch
        {
            Metric.Finish => DateOnly.FromDayNumber((int)Math.Round(v)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Metric.Days => UnitFormat.Number(v) + " d",
            Metric.FacilityMw => UnitFormat.Number(v) + " MW",
            _ => new Usd(v).ToString(),
        };
    }

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Pct(double f) => (f * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
