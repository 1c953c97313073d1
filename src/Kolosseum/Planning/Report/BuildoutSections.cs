using Kolosseum.Buildout;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>When the GPUs are there: build-out phases with their risk, the capacity ramp, and the training schedule on it.</summary>
internal static class BuildoutSections
{
    public static ReportSection Buildout(Plan plan)
    {
        var blocks = new List<ReportBlock>();
        foreach (var p in plan.Options)
        {
            // Capacity already under contract has nothing to draw: a sentence says so instead of an empty axis.
            var full = p.Buildout.FullCapacity;
            blocks.Add(full.SinceStart.P90.Seconds > 0 ? new ChartBlock(Gantt(p))
                : new ParagraphBlock(p.Option.Name + ": all " + Count(full.Gpus) + " GPUs are available on the decision date, " + Date(p.Buildout.Model.Start) + "."));
            blocks.Add(new TableBlock(Phases(p)));
        }
        blocks.Add(new ChartBlock(Capacity(plan)));
        return new ReportSection("Build-out", [.. blocks])
        {
            Lead = "When each option's GPUs are ready to train, from the decision date, and how sure that date is.",
        };
    }

    private static GanttChart Gantt(OptionPlan p)
    {
        var b = p.Buildout;
        var finishP50 = b.Phases.ToDictionary(x => x.Name, x => x.Finish.P50.Seconds, StringComparer.Ordinal);
        // A phase starts when the last phase before it finishes (finish-to-start); the P50 finishes are
        // monotone along the graph, so the bar from there to its own P50 finish never runs backwards.
        var tasks = b.Phases.Select(x => new GanttTask(x.Name.Replace('_', ' '),
            x.After.Select(a => finishP50.GetValueOrDefault(a)).DefaultIfEmpty(0).Max(), x.Finish.P50.Seconds, x.Finish.P90.Seconds)).ToList();
        if (b.RampStages.Count > 0)
            tasks.Add(new GanttTask("servers delivered, installed and burnt in (first block to full capacity)",
                b.FirstTraining.SinceStart.P50.Seconds, b.FullCapacity.SinceStart.P50.Seconds, b.FullCapacity.SinceStart.P90.Seconds));
        var markers = new List<ChartMarker> { new(b.FullCapacity.SinceStart.P50.Seconds, "full capacity (P50)") };
        if (b.FirstTraining.Gpus < b.FullCapacity.Gpus)
            markers.Insert(0, new(b.FirstTraining.SinceStart.P50.Seconds, "first " + Count(b.FirstTraining.Gpus) + " GPUs (P50)"));
        return new GanttChart("Build-out: " + p.Option.Name + " (" + b.Model.Preset + ")", new AxisSpec("Time since the decision on " + Date(b.Model.Start), AxisUnit.Duration), [.. tasks])
        {
            Description = "Bars run from when a phase can start to its median finish; whiskers reach its 90th-percentile finish (" + b.Options.Trials.Inv() + " Monte-Carlo trials).",
            Markers = [.. markers],
        };
    }

    private static ReportTable Phases(OptionPlan p)
    {
        var b = p.Buildout;
        var rows = b.Phases.Select(x => Row(x.Name, x.Estimate.ToString(), ReportValue.Of(x.Duration.P50), ReportValue.Of(x.Duration.P90),
                ReportValue.Date(b.DateAt(x.Finish.P50)), ReportValue.Date(b.DateAt(x.Finish.P90)), Percent(x.Criticality)))
            .Concat(b.RampStages.Select(r => Row(r.Name + " (all servers)", r.Estimate, ReportValue.Of(r.Duration.P50), ReportValue.Of(r.Duration.P90), "", "", Percent(r.Criticality))))
            .Concat(b.FirstTraining.Gpus >= b.FullCapacity.Gpus ? [] : [Row("first " + Count(b.FirstTraining.Gpus) + " GPUs online", "", ReportValue.Of(b.FirstTraining.SinceStart.P50),
                ReportValue.Of(b.FirstTraining.SinceStart.P90), ReportValue.Date(b.FirstTraining.Date.P50), ReportValue.Date(b.FirstTraining.Date.P90), "")])
            .Append(Row("all " + Count(b.FullCapacity.Gpus) + " GPUs online", "", ReportValue.Of(b.FullCapacity.SinceStart.P50), ReportValue.Of(b.FullCapacity.SinceStart.P90),
                ReportValue.Date(b.FullCapacity.Date.P50), ReportValue.Date(b.FullCapacity.Date.P90), ""));
        return new ReportTable("Phases: " + p.Option.Name,
            [new TableColumn("Phase"), new TableColumn("Estimate (min, mode, max)"), new TableColumn("Duration P50"), new TableColumn("Duration P90"),
             new TableColumn("Done by (P50)"), new TableColumn("Done by (P90)"), new TableColumn("Sets the full-capacity date")],
            [.. rows]);
    }

    private static LineChart Capacity(Plan plan)
    {
        var start = plan.Options.Min(p => p.Buildout.Model.Start);
        double Offset(BuildoutResult b) => (b.Model.Start.DayNumber - start.DayNumber) * Duration.SecondsPerDay;
        double X(DateOnly d) => (d.DayNumber - start.DayNumber) * Duration.SecondsPerDay;
        // The weekly bands stop once every trial has the whole cluster; it stays online, so each line is held to the chart's end.
        double end = plan.Options.Max(p => p.Buildout.Weekly.Count > 0 ? X(p.Buildout.Weekly[^1].Date) : 0);
        var series = plan.Options.Select(p =>
        {
            var weeks = p.Buildout.Weekly.Select(w => (X: X(w.Date), w.P10, w.P50, w.P90)).ToList();
            if (weeks.Count > 0 && weeks[^1].X < end) weeks.Add(weeks[^1] with { X = end });
            return new LineSeries(p.Option.Name, [.. weeks.Select(w => new ChartPoint(w.X, w.P50))])
            {
                Band = [.. weeks.Select(w => new BandPoint(w.X, w.P10, w.P90))],
            };
        });
        return new LineChart("GPUs online week by week", new AxisSpec("Time since " + Date(start), AxisUnit.Duration), new AxisSpec("GPUs online", AxisUnit.Gpus), [.. series])
        {
            Description = "Median GPUs that have passed burn-in and acceptance at the end of each week; the band runs from P10 (90 % of trials have at least this many) to P90.",
            XMarkers = [.. plan.Options.Select(p => new ChartMarker(Offset(p.Buildout) + p.Buildout.FullCapacity.SinceStart.P50.Seconds, p.Option.Name + ": all online (P50)"))],
        };
    }

    public static ReportSection Schedule(Plan plan)
    {
        var blocks = new List<ReportBlock>
        {
            new TableBlock(PerOption(plan, "Training schedule",
            [
                ("all GPUs online (P50 / P90)", p => Dates(p.Schedule.FullCapacityP50, p.Schedule.FullCapacityP90)),
                ("training starts (P50 / P90)", p => Dates(p.Schedule.StartP50, p.Schedule.StartP90)),
                ("training days with failures (P50 / P90)", p => ReportValue.Of(UnitFormat.Number(p.DaysP50) + " d / " + UnitFormat.Number(p.DaysP90) + " d", p.DaysP50 * Duration.SecondsPerDay)),
                ("trained by (P50 / P90)", p => Dates(p.Schedule.FinishP50, p.Schedule.FinishP90)),
                ("how", p => p.Schedule.Basis),
            ])),
        };
        foreach (var p in plan.Options.Where(p => p.Schedule.Ramp.Count > 0))
        {
            blocks.Add(new TableBlock(new ReportTable("Training while the cluster grows: " + p.Option.Name + " (P50 dates, median goodput)",
                [new TableColumn("From"), new TableColumn("GPUs"), new TableColumn("Layout"), new TableColumn("Training rate"), new TableColumn("Tokens already trained")],
                [.. p.Schedule.Ramp.Select(s => Row(ReportValue.Date(s.From), Gpus(s.Gpus), Layout(s.Layout),
                    ReportValue.Of(UnitFormat.Number(s.TokensPerSecond / 1e6) + "M tokens/s", s.TokensPerSecond), Percent(s.TokensDoneAtStart)))])));
        }
        return new ReportSection("Schedule", [.. blocks])
        {
            Lead = "When training starts and ends on each option, and on which layouts it runs while capacity arrives.",
        };
    }

    private static ReportValue Dates(DateOnly p50, DateOnly p90) => ReportValue.Of(Date(p50) + " / " + Date(p90), p50.DayNumber);
}
