using System.Globalization;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Planning;
using Kolosseum.Uncertainty;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>The terminal summary of a plan: the answer, the comparison with winners, and each option in a few lines.</summary>
internal static class PlanView
{
    public static void Render(CliContext context, Plan plan, bool reportWritten, Uncertainty.UncertainPlan? uncertain = null)
    {
        var c = context.Console;
        c.MarkupLine($"[bold]{TerminalText.Markup(plan.Scenario.Name)}[/]");
        if (plan.Scenario.Description is { } d) c.MarkupLine(TerminalText.Markup(d));
        var s = plan.Scenario;
        c.MarkupLine($"{TerminalText.Markup(s.Model.Name)}, {UnitFormat.Number(s.Training.Tokens / 1e12)}T tokens, batch {s.Training.BatchRange()} × {s.Training.SeqLen.Inv()}, {s.Training.Precision.Name()}; seed {plan.Seed.ToString(CultureInfo.InvariantCulture)}");
        c.WriteLine();
        string answer = uncertain is { Answer.Length: > 0 } u ? plan.Answer + "\n\n" + UncertainPlanner.Headline(u) : plan.Answer;
        c.Write(new Panel(new Text(TerminalText.Clean(answer))).Header("answer").Border(BoxBorder.Rounded));

        if (plan.Options.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("comparison ([bold]*[/] best)");
            table.AddColumn("criterion");
            foreach (var name in plan.Comparison.Options) table.AddColumn(new TableColumn(TerminalText.Markup(name)).RightAligned());
            foreach (var criterion in plan.Comparison.Criteria)
            {
                var cells = new List<string> { criterion.Name };
                for (int i = 0; i < criterion.Values.Count; i++)
                {
                    string v = Format(criterion, criterion.Values[i]);
                    cells.Add(criterion.Winner == i ? $"[bold]{v} *[/]" : v);
                }
                table.AddRow(cells.ToArray());
            }
            c.Write(table);
        }
        if (uncertain is not null) UncertaintyView.Render(context, uncertain);

        foreach (var p in plan.Options)
        {
            c.MarkupLine($"[bold]{TerminalText.Markup(p.Option.Name)}[/]: {UnitFormat.Count(p.Option.Gpus)} × {TerminalText.Markup(p.Option.Gpu.Name)}, {p.Option.Ownership.Name()}");
            c.MarkupLine($"  layout {TerminalText.Markup(p.Step.Layout.ToString())} on {UnitFormat.Count(p.Step.Gpus, "GPU")}{(p.Search is null ? Given(p) : " (searched)")}, batch {p.Training.GlobalBatch.Inv()}: step {p.Step.StepTime}, MFU {UnitFormat.Percent(p.Step.Mfu)}, {p.Step.Memory.GiB.Inv("0.0")} of {p.Step.Capacity.GiB.Inv("0.0")} GiB");
            var outside = Validation.ValidatedEnvelope.Embedded.Outside(p.Step.Layout, p.Training.SeqLen);
            c.MarkupLine(outside.Count == 0 ? "  validity: inside the validated published runs" : "  outside the validated runs: " + TerminalText.Markup(string.Join("; ", outside)));
            // Beside a layout whose shape is already inside (only its GPU count lies beyond), the same layout would repeat.
            if (p.ValidatedSearched && !Validation.ValidatedEnvelope.Embedded.CoversShape(p.Step.Layout, p.Training.SeqLen)) c.MarkupLine("  " + TerminalText.Markup(ValidatedLine(p)));
            if (p.Delivered.Count > 0) c.MarkupLine($"  {TerminalText.Markup(DeliveredLine(plan, p))}");
            if (GpuUse.Explain(p, plan.Scenario.Sections.Get<SearchSettings>()) is { } use) c.MarkupLine($"  {TerminalText.Markup(use)}");
            if (p.BatchDays is { } batch) c.MarkupLine($"  {TerminalText.Markup(batch.Describe(p.Training.SeqLen))}");
            c.MarkupLine($"  {UnitFormat.Count(p.Reliability.Inputs.SpareNodes, "hot-spare node")}, failures every {p.Reliability.Inputs.Failures.Mtbi}, ETTR {UnitFormat.Percent(p.Reliability.Ettr.P50)}: {UnitFormat.Days(p.DaysP50)} to train (P90 {UnitFormat.Number(p.DaysP90)})");
            c.MarkupLine($"  {TerminalText.Markup(p.Schedule.Basis)}");
            c.MarkupLine($"  {UnitFormat.Number(p.ItMw)} MW IT, {UnitFormat.Number(p.FacilityMw)} MW facility, swing {UnitFormat.Number(p.SwingMw)} MW; run {p.Cost.RunCost}, energy {p.Power.RunEnergy.Cost}");
        }
        foreach (var i in plan.Infeasible)
            c.MarkupLine($"[red]{TerminalText.Markup(i.Option.Name)}[/]: {TerminalText.Markup(i.Reason)}");
        c.MarkupLine(reportWritten ? "[dim]add --json for every number[/]" : "[dim]add --report plan.html for the charts, --json for every number[/]");
    }

    /// <summary>A given layout, and the cells it left out that took their fastest values (as validate completes a published run).</summary>
    private static string Given(OptionPlan p) =>
        p.Option.WrittenLayout is { Open.Count: > 0 } w ? $" (given; fastest for the cells left out: {string.Join(", ", w.Open)})" : " (given)";

    /// <summary>Why this layout: its expected days with failures against the fastest failure-free layout's.</summary>
    private static string DeliveredLine(Plan plan, OptionPlan p)
    {
        string key = p.RankBy == RankBy.Days ? "" : $", then by {EnumNames<RankBy>.Name(p.RankBy)} within {UnitFormat.Number(plan.Scenario.Sections.Get<SearchSettings>().DaysSlack * 100)} %";
        var fastest = p.Search!.Best[0];
        var picked = p.Delivered.FirstOrDefault(d => d.Candidate.Layout.Layout == p.Step.Layout);
        string days = picked is null ? "" : $" {UnitFormat.Days(picked.Days)} expected";
        if (fastest.Layout == p.Step.Layout)
            return $"ranked by expected days with failures{key}:{days}, the fastest failure-free layout too";
        var f = p.Delivered.FirstOrDefault(d => d.Candidate.Layout.Layout == fastest.Layout);
        string other = f is null ? "" : $" ({UnitFormat.Number(f.Days)} expected)";
        return $"ranked by expected days with failures{key}:{days}; the fastest failure-free layout, {UnitFormat.Count(fastest.Gpus, "GPU")} at {new Duration(fastest.Estimate.StepTime)} a step, fails more{other}";
    }

    private static string Format(Criterion c, double v)
    {
        if (!double.IsFinite(v)) return "-";
        return c.Unit switch
        {
            "date" => DateOnly.FromDayNumber((int)v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "USD" => new Usd(v).ToString(),
            "USD/h" => "$" + v.ToString("0.00", CultureInfo.InvariantCulture) + "/GPU-h",
            "USD/GPU-y" => new Usd(v) + "/GPU-year",
            "MW" => UnitFormat.Number(v) + " MW",
            "MWh" => new Joules(v * 3.6e9).ToString(),
            "d" => UnitFormat.Number(v) + " d",
            "" => UnitFormat.Percent(v),
            _ => UnitFormat.Number(v),
        };
    }

    /// <summary>
    /// The fastest layout inside the validated runs, beside the chosen one (search.validated: beside). The two may run
    /// at different batches, so each says its batch, and the chosen layout's failure-free days stand beside the
    /// validated one's: their step times alone do not compare.
    /// </summary>
    internal static string ValidatedLine(OptionPlan p) => p.ValidatedBest is { } v
        ? $"best with its shape inside the validated runs: {v.Layout} on {UnitFormat.Count(v.Gpus, "GPU")} at batch {UnitFormat.Count(v.GlobalBatch)}, step {v.StepTime}, MFU {UnitFormat.Percent(v.Mfu)}, {v.Memory.GiB.Inv("0.0")} GiB, {UnitFormat.Days(v.TrainTime.Days)} without failures (the chosen layout: {UnitFormat.Days(p.Step.TrainTime.Days)} at batch {UnitFormat.Count(p.Step.GlobalBatch)})"
        : "best with its shape inside the validated runs: none fits";
}
