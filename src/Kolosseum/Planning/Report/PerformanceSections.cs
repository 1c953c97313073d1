using System.Collections.Immutable;
using Kolosseum.Performance;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>Where a step spends its time and memory, and how days to train fall with cluster size.</summary>
internal static class PerformanceSections
{
    public static ReportSection StepTime(Plan plan)
    {
        var options = plan.Options;
        // Parts no option spends time on (expert parallelism in a dense model) would only crowd the legend.
        var parts = Union(options.Select(p => p.Step.Time.Select(t => t.Name)))
            .Where(name => options.Any(p => PartValue(p.Step.Time, name) > 0));
        var chart = new BarChart("Step-time breakdown", OptionNames(plan),
            [.. parts.Select(name => new BarSeries(PartName(name), [.. options.Select(p => PartValue(p.Step.Time, name))]))],
            new AxisSpec("Time per optimizer step", AxisUnit.Duration))
        {
            Description = "Seconds of one optimizer step at the chosen layout, by what the GPUs do; communication counts only where it is not hidden under compute.",
        };
        var table = PerOption(plan, "Speed at the chosen layout",
        [
            ("GPUs used", p => Gpus(p.Step.Gpus)),
            ("global batch", p => ReportValue.Of(Count(p.Training.GlobalBatch) + " sequences × " + Count(p.Training.SeqLen) + " tokens", p.Training.TokensPerStep)),
            ("expected days at the searched batch", p => p.BatchDays is { } b ? Days(b.SearchedDays) : ReportValue.Empty),
            ("expected days at the scenario's batch", p => p.BatchDays is { ReferenceDays: { } d } ? Days(d) : ReportValue.Empty),
            ("step time", p => ReportValue.Of(p.Step.StepTime)),
            ("model FLOPs utilisation (MFU)", p => Percent(p.Step.Mfu)),
            ("hardware FLOPs utilisation (HFU)", p => Percent(p.Step.Hfu)),
            ("model FLOP/s per GPU", p => ReportValue.Of(p.Step.ModelFlopsPerGpu)),
            ("tokens per second", p => ReportValue.Of(UnitFormat.Number(p.Step.TokensPerSecond / 1e6) + "M tokens/s", p.Step.TokensPerSecond)),
            ("optimizer steps", p => Counted(Math.Round(p.Step.Steps), "steps")),
            ("days to train without failures", p => Days(p.Step.TrainTime.Days)),
        ]);
        return new ReportSection("Step time", [new ChartBlock(chart), new TableBlock(table)])
        {
            Lead = "How long one training step takes on each option, and what it waits for.",
        };
    }

    public static ReportSection Memory(Plan plan)
    {
        var options = plan.Options;
        var parts = Union(options.Select(p => p.Step.MemoryParts.Select(m => m.Name)));
        var capacities = options.GroupBy(p => p.Step.Capacity.Value).Select(g => g.First());
        var chart = new BarChart("Memory per GPU", OptionNames(plan),
            [.. parts.Select(name => new BarSeries(PartName(name), [.. options.Select(p => PartValue(p.Step.MemoryParts, name))]))],
            new AxisSpec("Memory per GPU", AxisUnit.Bytes))
        {
            Description = "Bytes on a GPU of the fullest pipeline stage at the chosen layout, by what they hold; the dashed line is the GPU's memory.",
            Markers = [.. capacities.Select(p => new ChartMarker(p.Step.Capacity.Value, "HBM of " + p.Option.Gpu.Name))],
        };
        var table = PerOption(plan, "Memory at the chosen layout",
        [
            ("memory per GPU", p => ReportValue.Of(p.Step.Memory)),
            ("HBM per GPU", p => ReportValue.Of(p.Step.Capacity)),
            ("headroom", p => ReportValue.Of(p.Step.Capacity - p.Step.Memory)),
            ("share of HBM used", p => Percent(p.Step.Memory.Value / p.Step.Capacity.Value)),
        ]);
        return new ReportSection("Memory per GPU", [new ChartBlock(chart), new TableBlock(table)])
        {
            Lead = "Whether the chosen layout fits in GPU memory, and what fills it.",
        };
    }

    public static ReportSection Scaling(Plan plan)
    {
        var series = new List<LineSeries>();
        foreach (var p in plan.Options)
        {
            var points = p.Scaling.Where(s => s.Best is not null)
                .Select(s => new ChartPoint(s.ClusterGpus, s.Best!.TrainTime.Seconds));
            series.Add(new LineSeries(p.Option.Name + ": without failures", [.. points]));
        }
        // The reliability simulation runs at the chosen size only, so failures show as one point per option.
        foreach (var p in plan.Options)
            series.Add(new LineSeries(p.Option.Name + ": with failures (P50)", [new ChartPoint(p.Option.Gpus, p.DaysP50 * Duration.SecondsPerDay)]));
        var chart = new LineChart("Days to train vs GPU count",
            new AxisSpec("GPUs in the cluster", AxisUnit.Gpus) { Scale = AxisScaleKind.Log },
            new AxisSpec("Days to train", AxisUnit.Duration) { Scale = AxisScaleKind.Log }, [.. series])
        {
            Description = "Failure-free training time of the fastest layout the search finds at each cluster size; single points are the simulated P50 with failures at the option's size.",
        };
        var rows = plan.Options.SelectMany(p => p.Scaling.Select(s => Row(
            p.Option.Name, Gpus(s.ClusterGpus),
            s.Best is { } b ? Gpus(b.Gpus) : "no layout fits",
            s.Best is { } b1 ? Layout(b1.Layout) : "",
            s.Best is { } b2 ? ReportValue.Of(b2.StepTime) : ReportValue.Empty,
            s.Best is { } b3 ? Percent(b3.Mfu) : ReportValue.Empty,
            s.Best is { } b4 ? Days(b4.TrainTime.Days) : ReportValue.Empty)));
        var table = new ReportTable("Fastest layout at each cluster size",
            [new TableColumn("Option"), new TableColumn("Cluster"), new TableColumn("GPUs used"), new TableColumn("Layout"),
             new TableColumn("Step time"), new TableColumn("MFU"), new TableColumn("Days without failures")],
            [.. rows]);
        return new ReportSection("Scaling", [new ChartBlock(chart), new TableBlock(table)])
        {
            Lead = "How many days the run would take on fewer or more GPUs of the same kind.",
        };
    }

    public static ReportSection Layouts(Plan plan)
    {
        var blocks = new List<ReportBlock>();
        foreach (var p in plan.Options)
        {
            var l = p.Step.Layout;
            var facts = new List<KeyValue>
            {
                new("Option", p.Option.Name),
                new("Layout", Layout(l)),
                new("GPUs used", Count(p.Step.Gpus) + " of " + Count(p.Option.Gpus) + Unused(p.Option.Gpus - p.Step.Gpus)),
                new("Micro-batches per step", Count(l.MicroBatches(p.Training.GlobalBatch)) + " per pipeline"),
                new("Batch", p.BatchDays is { } bd ? bd.Describe(p.Training.SeqLen) : Count(p.Training.GlobalBatch) + " sequences (given)"),
                new("How it was chosen", p.Search is { } s
                    ? $"searched: {Count(s.Evaluated)} layouts evaluated, {Count(s.Feasible)} fit, fastest kept"
                    : "given by the scenario"),
            };
            var outside = Validation.ValidatedEnvelope.Embedded.Outside(l, p.Training.SeqLen);
            facts.Add(new("Validity", outside.Count == 0 ? "inside the validated published runs" : "outside the validated runs: " + string.Join("; ", outside)));
            if (p.ValidatedSearched && !Validation.ValidatedEnvelope.Embedded.CoversShape(l, p.Training.SeqLen))
                facts.Add(new("Best with its shape inside the validated runs", p.ValidatedBest is { } v
                    ? $"{Layout(v.Layout)} on {Count(v.Gpus)} GPUs at batch {Count(v.GlobalBatch)}: step {v.StepTime}, MFU {(v.Mfu * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} %, {UnitFormat.Number(v.TrainTime.Days)} days without failures (the chosen layout: {UnitFormat.Number(p.Step.TrainTime.Days)} at batch {Count(p.Step.GlobalBatch)})"
                    : "none fits"));
            blocks.Add(new KeyValueBlock([.. facts]));
            // Every listed layout says whether it lies inside the validated runs, not only the chosen one.
            var rows = p.BestLayouts.Select((b, i) => Row(
                ReportValue.Count(i + 1), Layout(b.Layout), Gpus(b.Gpus), ReportValue.Of(b.StepTime), Percent(b.Mfu),
                ReportValue.Of(b.Memory), Days(b.TrainTime.Days),
                ReportValue.Of(Validation.ValidatedEnvelope.Embedded.Covers(b.Layout, p.Training.SeqLen) ? "yes" : "no")));
            blocks.Add(new TableBlock(new ReportTable("Fastest layouts for " + p.Option.Name,
                [new TableColumn("Rank"), new TableColumn("Layout"), new TableColumn("GPUs"), new TableColumn("Step time"),
                 new TableColumn("MFU"), new TableColumn("Memory per GPU"), new TableColumn("Days without failures"),
                 new TableColumn("Inside the validated runs")],
                [.. rows])));
        }
        return new ReportSection("Layouts", [.. blocks])
        {
            Lead = "How each option splits the model over its GPUs, and the runners-up the search found.",
        };
    }

    // A layout's GPU count is a product of its degrees, so it may leave some of the cluster out.
    private static string Unused(long idle) => idle > 0 ? " (" + Count(idle) + " outside the layout)" : " (all)";

    private static double PartValue(IReadOnlyList<BreakdownPart> parts, string name) =>
        parts.FirstOrDefault(p => p.Name == name)?.Value ?? 0;
}
