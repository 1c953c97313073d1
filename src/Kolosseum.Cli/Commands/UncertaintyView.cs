using Kolosseum.Cli.Infrastructure;
using Kolosseum.Uncertainty;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>The terminal table of a plan under uncertainty: P50 (P10-P90) per option, the chance each wins, and the verdicts.</summary>
internal static class UncertaintyView
{
    public static void Render(CliContext context, UncertainPlan u)
    {
        var c = context.Console;
        var table = new Table().Border(TableBorder.Simple)
            .Title($"under uncertainty: P50 (P10 to P90) of {u.Samples:N0} joint samples, and the chance each option wins");
        table.AddColumn("criterion");
        foreach (var o in u.Options) table.AddColumn(new TableColumn(TerminalText.Markup(o.Name)).RightAligned());
        foreach (var v in u.Criteria)
        {
            var cells = new List<string> { v.Tie ? v.Metric.Name() + " [yellow](tie)[/]" : v.Metric.Name() };
            for (int k = 0; k < u.Options.Count; k++)
            {
                var s = u.Options[k].Figures[v.Metric];
                string text = $"{Show(v.Metric, s.P50)} ({Show(v.Metric, s.P10)} to {Show(v.Metric, s.P90)}), wins {Pct(v.WinProbability[k])}";
                cells.Add(v.Leader == k && !v.Tie ? $"[bold]{TerminalText.Markup(text)}[/]" : TerminalText.Markup(text));
            }
            table.AddRow(cells.ToArray());
        }
        c.Write(table);
        foreach (var v in u.Criteria.Where(v => v.Sentence.Length > 0))
            c.MarkupLine($"  {TerminalText.Markup(v.Metric.Name())}: {TerminalText.Markup(v.Sentence)}");
        var sampled = u.Inputs.Where(i => !i.Value.IsPoint).Select(i => i.Input.Key()).Distinct();
        c.MarkupLine($"[dim]  uncertain inputs: {TerminalText.Markup(string.Join(", ", sampled))} (each range and its source: --json, docs/uncertainty.md)[/]");
    }

    public static string Show(Metric m, double v)
    {
        if (!double.IsFinite(v)) return "-";
        return m switch
        {
            Metric.Finish => UncertaintyJson.Date(v)!,
            Metric.Days => UnitFormat.Number(v) + " d",
            Metric.FacilityMw => UnitFormat.Number(v) + " MW",
            _ => new Usd(v).ToString(),
        };
    }

    private static string Pct(double f) => (f * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
