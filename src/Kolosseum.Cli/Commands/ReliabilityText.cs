using Kolosseum.Cli.Infrastructure;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>The terminal view of a reliability run: the setting, the outcome table, causes, losses, what-ifs.</summary>
internal static class ReliabilityText
{
    public static void Write(IAnsiConsole console, ReliabilityRequest request, ReliabilityResult r, WhatIfTable? whatIf)
    {
        var i = r.Inputs;
        var job = i.Job;
        console.MarkupLine($"[bold]{TerminalText.Markup(request.Title)}[/]");
        string work = job.Work is { } w ? $"{Days(w.Days)} of failure-free work ({TerminalText.Markup(request.WorkSource)})" : "no end of work";
        string window = job.Window is { } win ? $", window {Days(win.Days)}" : "";
        console.MarkupLine($"{job.Nodes.Inv()} nodes, {work}{window}; {r.Trials.Inv()} trials, seed {((long)r.Seed).Inv()}");
        console.MarkupLine($"Failures ({TerminalText.Markup(string.Join(" + ", i.Profile.FailureRates))}, {EnumNames<FailureDistribution>.Name(i.Profile.Distribution)}): "
            + $"MTBI {i.Failures.Mtbi}, {UnitFormat.Number(i.Failures.UnexpectedPerHour * 24)} unexpected and {UnitFormat.Number(i.Failures.PlannedPerHour * 24)} planned per day, "
            + $"{(i.Failures.SpareShare * 100).Inv("0")}% need a spare");
        var c = i.Checkpoint;
        console.MarkupLine($"Checkpoint: {EnumNames<CheckpointMode>.Name(c.Mode)}, {c.Size} every {i.Interval.Value} ({TerminalText.Markup(i.Interval.Rule)}; "
            + $"Young {i.Interval.Young}, Daly {i.Interval.Daly}); blocks {c.Blocking}, durable after {c.Durable}; "
            + $"{c.Storage.Units.Inv()} x {TerminalText.Markup(c.Storage.Spec.Id)} at {c.WriteBandwidth} write");
        var rs = i.Restart;
        console.MarkupLine($"Restart: {rs.Total} = detection {rs.Detection} + rescheduling {rs.Rescheduling} + init {rs.ProcessGroupInit} + load {rs.CheckpointLoad} + warm-up {rs.Warmup}; "
            + $"{i.SpareNodes.Inv()} spare nodes, {EnumNames<SparePolicy>.Name(i.Profile.WhenSparesRunOut)} when they run out");
        if (r.Infeasible is not null)
        {
            console.MarkupLine($"[red]Cannot finish:[/] {TerminalText.Markup(r.Infeasible)}");
            return;
        }

        var t = new Table().Border(TableBorder.Simple);
        t.AddColumn("outcome");
        foreach (var h in new[] { "mean", "P10", "P50", "P90" }) t.AddColumn(new TableColumn(h).RightAligned());
        t.AddRow("days to the end", Num(r.Days.Mean), Num(r.Days.P10), Num(r.Days.P50), Num(r.Days.P90));
        t.AddRow("ETTR", Ratio(r.Ettr.Mean), Ratio(r.Ettr.P10), Ratio(r.Ettr.P50), Ratio(r.Ettr.P90));
        t.AddRow("goodput (ETTR less stragglers)", Ratio(r.Goodput.Mean), Ratio(r.Goodput.P10), Ratio(r.Goodput.P50), Ratio(r.Goodput.P90));
        t.AddRow("unexpected interruptions", Num(r.Interruptions.Mean), Num(r.Interruptions.P10), Num(r.Interruptions.P50), Num(r.Interruptions.P90));
        console.Write(t);
        console.MarkupLine($"Daly's closed form: ETTR {Ratio(i.AnalyticEttr)}; simulated MTBI {Duration.FromHours(r.SimulatedMtbiHours)}; planned stops {Num(r.PlannedStopsMean)} per run"
            + (r.GaveUp > 0 ? $"; [yellow]{r.GaveUp.Inv()} trials abandoned after 100x their failure-free time[/]" : ""));

        var causes = new Table().Border(TableBorder.Simple).Title("interruptions by cause");
        causes.AddColumn("cause");
        causes.AddColumn("category");
        causes.AddColumn(new TableColumn("per run").RightAligned());
        causes.AddColumn(new TableColumn("share").RightAligned());
        causes.AddColumn(new TableColumn("expected / day").RightAligned());
        foreach (var cause in r.Causes)
            causes.AddRow(TerminalText.Markup(cause.Component), EnumNames<FailureCategory>.Name(cause.Category) + (cause.Planned ? " (planned)" : ""),
                Num(cause.MeanPerTrial), cause.Planned ? "" : Pct(cause.Share), Num(cause.ExpectedPerDay));
        console.Write(causes);

        var lost = new Table().Border(TableBorder.Simple).Title("GPU-hours not training, mean per run");
        lost.AddColumn("reason");
        lost.AddColumn(new TableColumn("GPU-hours").RightAligned());
        lost.AddColumn(new TableColumn("of all held").RightAligned());
        void Row(string name, double v) => lost.AddRow(name, Big(v), Pct(v / r.TotalGpuHours));
        Row("lost work (since last checkpoint)", r.Lost.LostWork);
        Row("restart", r.Lost.Restart);
        Row("waiting for spares", r.Lost.WaitingForSpares);
        Row("checkpoint stops", r.Lost.Checkpoint);
        Row("stragglers", r.Lost.Stragglers);
        Row("running smaller", r.Lost.RunningSmaller);
        Row("planned stops", r.Lost.PlannedStops);
        Row("total", r.Lost.Total);
        console.Write(lost);

        if (whatIf is not null)
        {
            var wt = new Table().Border(TableBorder.Simple).Title("what if");
            wt.AddColumn("change");
            foreach (var h in new[] { "ETTR", "goodput", "days P50", "days P90", "days saved" }) wt.AddColumn(new TableColumn(h).RightAligned());
            wt.AddRow("baseline", Ratio(whatIf.Baseline.Ettr.Mean), Ratio(whatIf.Baseline.Goodput.Mean), Num(whatIf.Baseline.Days.P50), Num(whatIf.Baseline.Days.P90), "");
            foreach (var row in whatIf.Rows)
            {
                if (row.CannotFinish)
                    wt.AddRow(TerminalText.Markup(row.Description), "-", "-", "never", "", "");
                else
                    wt.AddRow(TerminalText.Markup(row.Description), Ratio(row.Result.Ettr.Mean), Ratio(row.Result.Goodput.Mean), Num(row.Result.Days.P50),
                        Num(row.Result.Days.P90), Signed(row.DaysSavedP50));
            }
            console.Write(wt);
        }
        console.MarkupLine($"[grey]trace digest {r.TraceDigest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)}[/]");
    }

    private static string Days(double d) => UnitFormat.Number(d) + " d";
    private static string Num(double v) => double.IsFinite(v) ? UnitFormat.Number(v) : "-";
    private static string Ratio(double v) => double.IsFinite(v) ? v.Inv("0.000") : "-";
    private static string Pct(double v) => double.IsFinite(v) ? UnitFormat.Percent(v, v < 0.001 ? 2 : 1) : "-";
    private static string Signed(double v) => double.IsFinite(v) ? UnitFormat.SignedNumber(v) : "-";

    private static string Big(double v) => v >= 1e6 ? UnitFormat.Number(v / 1e6) + "M" : v >= 1e3 ? UnitFormat.Number(v / 1e3) + "k" : UnitFormat.Number(v);
}
