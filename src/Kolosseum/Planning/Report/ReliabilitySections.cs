using System.Collections.Immutable;
using Kolosseum.Reliability;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>Failures: when they strike in one simulated run, the spread of ETTR over trials, what they cost, and what helps.</summary>
internal static class ReliabilitySections
{
    public static ReportSection Failures(Plan plan)
    {
        var blocks = new List<ReportBlock>
        {
            new TableBlock(PerOption(plan, "Failures, checkpoints and the days they add",
            [
                ("GPUs in the job", p => Gpus(p.Reliability.Inputs.Job.Gpus)),
                ("mean time between interruptions", p => ReportValue.Of(p.Reliability.Inputs.Failures.Mtbi)),
                ("checkpoint interval", p => ReportValue.Of(p.Reliability.Inputs.Interval.Value)),
                ("checkpoint: training paused", p => ReportValue.Of(p.Reliability.Inputs.Checkpoint.Blocking)),
                ("restart after a failure", p => ReportValue.Of(p.Reliability.Inputs.Restart.Total)),
                ("interruptions per run (mean)", p => Counted(p.Reliability.Interruptions.Mean, "interruptions")),
                ("ETTR P10 / P50 / P90", p => Spread(p.Reliability.Ettr, v => UnitFormat.Number(v * 100) + " %")),
                ("days to train P10 / P50 / P90", p => Spread(p.Reliability.Days, v => UnitFormat.Number(v) + " d")),
                ("days without failures", p => Days(p.Step.TrainTime.Days)),
                ("spare nodes swapped in per run (mean)", p => Counted(p.Reliability.SparesUsedMean, "nodes")),
                ("Monte-Carlo trials", p => Counted(p.Reliability.Trials, "trials")),
            ])),
        };
        foreach (var p in plan.Options) blocks.Add(new ChartBlock(Timeline(p)));
        foreach (var p in plan.Options) blocks.Add(new ChartBlock(EttrHistogram(p)));
        blocks.Add(new ChartBlock(Lost(plan)));
        blocks.Add(new TableBlock(Causes(plan)));
        return new ReportSection("Failures and restarts", [.. blocks])
        {
            Lead = "How often each option's job is interrupted, how much of the wall clock still trains (ETTR), and where the lost GPU-hours go.",
        };
    }

    public static ReportSection? WhatIf(Plan plan)
    {
        var tables = plan.Options.Where(p => p.WhatIf is not null).Select(p => (ReportBlock)new TableBlock(WhatIfTable(p, p.WhatIf!))).ToList();
        if (tables.Count == 0) return null;
        return new ReportSection("What if", [.. tables])
        {
            Lead = "Which change to checkpoints, restarts, spares or failure rates would save the most days.",
        };
    }

    private static ReportValue Spread(Summary s, Func<double, string> format) =>
        double.IsFinite(s.P50) ? ReportValue.Of(format(s.P10) + " / " + format(s.P50) + " / " + format(s.P90), s.P50) : ReportValue.Empty;

    private static EventTimeline Timeline(OptionPlan p)
    {
        var r = p.Reliability;
        var events = r.Timeline.Select(e => (e.At.Seconds, Category: Category(e))).Where(e => e.Category is not null)
            .Select(e => new Reporting.Charts.TimelineEvent(e.Seconds, e.Category!));
        double? end = r.TimelineEnd?.Seconds;
        return new EventTimeline("Interruptions in one simulated run: " + p.Option.Name, new AxisSpec("Time since the run started", AxisUnit.Duration), [.. events])
        {
            End = end,
            Description = "Trial " + (r.TimelineTrial + 1).Inv() + " of " + r.Trials.Inv() + ": each tick is an interruption by its cause, a planned stop, or a wait for a spare node; the dashed line is where the run ends.",
        };
    }

    private static string? Category(Reliability.TimelineEvent e) => e.Kind switch
    {
        TimelineEventKind.Failure => e.Cause ?? "failure",
        TimelineEventKind.PlannedStop => (e.Cause ?? "planned stop") + " (planned)",
        TimelineEventKind.WaitForSpare => "waiting for a spare node",
        TimelineEventKind.GiveUp => "run abandoned",
        _ => null,
    };

    private static Histogram EttrHistogram(OptionPlan p)
    {
        var r = p.Reliability;
        return new Histogram("ETTR over the trials: " + p.Option.Name, new AxisSpec("Effective training time ratio", AxisUnit.Percent), [.. r.EttrSamples])
        {
            CountLabel = "trials",
            Markers = [new ChartMarker(r.Ettr.P10, "P10"), new ChartMarker(r.Ettr.P50, "P50"), new ChartMarker(r.Ettr.P90, "P90")],
            Description = "ETTR (wall time computing kept work / wall time) of each of the first " + r.EttrSamples.Count.Inv() + " of "
                + r.Trials.Inv() + " simulated runs; the markers are percentiles over all " + r.Trials.Inv() + ".",
        };
    }

    private static BarChart Lost(Plan plan)
    {
        (string Name, Func<GpuHoursLost, double> Of)[] reasons =
        [
            ("work redone after a failure", l => l.LostWork),
            ("restarting", l => l.Restart),
            ("waiting for spares", l => l.WaitingForSpares),
            ("checkpoint pauses", l => l.Checkpoint),
            ("stragglers", l => l.Stragglers),
            ("running on fewer nodes", l => l.RunningSmaller),
            ("planned stops", l => l.PlannedStops),
        ];
        return new BarChart("GPU-hours lost by reason", OptionNames(plan),
            [.. reasons.Select(x => new BarSeries(x.Name, [.. plan.Options.Select(p => x.Of(p.Reliability.Lost))]))],
            new AxisSpec("GPU-hours per run (mean)", new AxisUnit(AxisUnitKind.Count, "GPU-h")))
        {
            Description = "Mean GPU-hours per run that did not train, by why; the rest of the run's GPU-hours trained.",
        };
    }

    /// <summary>One row per cause, the expected rate and the simulated count of every option side by side.</summary>
    private static ReportTable Causes(Plan plan)
    {
        var keys = Union(plan.Options.Select(p => p.Reliability.Causes.Select(c => c.Key)));
        var columns = new List<TableColumn> { new("Cause"), new("Component"), new("Kind") };
        foreach (var p in plan.Options)
        {
            columns.Add(new TableColumn(p.Option.Name + ": expected", "per day"));
            columns.Add(new TableColumn(p.Option.Name + ": simulated", "per run"));
        }
        var rows = keys.Select(key =>
        {
            var first = plan.Options.Select(p => p.Reliability.Causes.FirstOrDefault(c => c.Key == key)).First(c => c is not null)!;
            var cells = new List<ReportValue> { key, first.Component, first.Planned ? "planned" : "unexpected" };
            foreach (var p in plan.Options)
            {
                var c = p.Reliability.Causes.FirstOrDefault(x => x.Key == key);
                cells.Add(c is null ? ReportValue.Empty : ReportValue.Of(c.ExpectedPerDay));
                cells.Add(c is null ? ReportValue.Empty : ReportValue.Of(c.MeanPerTrial));
            }
            return cells.ToImmutableArray();
        });
        return new ReportTable("Interruptions by cause (expected from the rates; simulated: mean over the trials)", [.. columns], [.. rows]);
    }

    private static ReportTable WhatIfTable(OptionPlan p, WhatIfTable table)
    {
        var b = table.Baseline;
        var rows = new List<ImmutableArray<ReportValue>>
        {
            Row("as planned", Percent(b.Ettr.Mean), "", Days(b.Days.P50), ""),
        };
        rows.AddRange(table.Rows.Select(w => Row(
            w.Description,
            w.CannotFinish ? "cannot finish" : Percent(w.Result.Ettr.Mean),
            w.CannotFinish ? ReportValue.Empty : ReportValue.Of(SignedPoints(w.EttrChange), w.EttrChange),
            w.CannotFinish ? ReportValue.Empty : Days(w.Result.Days.P50),
            w.CannotFinish ? ReportValue.Empty : Days(w.DaysSavedP50))));
        return new ReportTable("What if: " + p.Option.Name + " (" + b.Trials.Inv() + " trials each, same seed)",
            [new TableColumn("Change"), new TableColumn("ETTR (mean)"), new TableColumn("ETTR change"), new TableColumn("Days to train (P50)"), new TableColumn("Days saved (P50)")],
            [.. rows]);
    }

    private static string SignedPoints(double change) => UnitFormat.SignedNumber(change * 100) + " points";
}
