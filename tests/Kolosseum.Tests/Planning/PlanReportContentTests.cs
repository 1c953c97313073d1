using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Kolosseum.Planning;
using Kolosseum.Planning.Report;
using Kolosseum.Reliability;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Svg;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The default plan's report says what the plan says: each chart is drawn from the plan's own numbers
/// (checked to a relative 1e-9, the rounding of a sum), every chart has something to draw, every table
/// number has its unit, and every assumption has its source.
/// </summary>
public class PlanReportContentTests
{
    private const double Relative = 1e-9;
    private static Plan Plan => PlanFixtures.Default.Plan;
    private static ReportDocument Document => PlanFixtures.Default.Document;

    [Fact]
    public void Sections_follow_the_comparison_in_reading_order_each_with_a_lead()
    {
        Assert.NotNull(Document.Comparison);
        Assert.Equal(
            ["What we do not know", "Step time", "Memory per GPU", "Scaling", "Layouts", "Power", "Failures and restarts", "What if", "Cost of the run", "Cost over time",
             "Sensitivity", "Build-out", "Schedule", "Network fabric", "Resolved scenario"],
            Document.Sections.Select(s => s.Heading));
        Assert.All(Document.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Lead), s.Heading + " has no lead"));
    }

    [Fact]
    public void Every_chart_draws_all_its_values()
    {
        var charts = Charts<Chart>().ToList();
        Assert.Equal(new[] { "BarChart", "EventTimeline", "GanttChart", "Histogram", "LineChart", "TornadoChart" },
            charts.Select(c => c.GetType().Name).Distinct().Order(StringComparer.Ordinal));
        foreach (var chart in charts)
        {
            string html = ChartFigure.Render(chart, "c");
            Assert.True(html.Contains("<svg", StringComparison.Ordinal), chart.Title + " draws nothing");
            Assert.DoesNotContain("chart-empty", html, StringComparison.Ordinal);
            Assert.DoesNotContain("left out", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Step_time_and_memory_bars_add_up_to_the_plans_totals()
    {
        var step = Chart<BarChart>("Step-time breakdown");
        var memory = Chart<BarChart>("Memory per GPU");
        for (int i = 0; i < Plan.Options.Count; i++)
        {
            var p = Plan.Options[i];
            Near(p.Step.StepTime.Seconds, step.Series.Sum(s => s.Values[i]));
            Near(p.Step.Memory.Value, memory.Series.Sum(s => s.Values[i]));
            Assert.Contains(memory.Markers, m => m.Value == p.Step.Capacity.Value);
        }
        Assert.Equal(Plan.Options.Select(p => p.Option.Name), step.Categories);
    }

    [Fact]
    public void Scaling_curve_holds_each_searched_size_and_the_simulated_days()
    {
        var chart = Chart<LineChart>("Days to train vs GPU count");
        foreach (var p in Plan.Options)
        {
            var line = chart.Series.Single(s => s.Name == p.Option.Name + ": without failures");
            var expected = p.Scaling.Where(s => s.Best is not null).Select(s => new ChartPoint(s.ClusterGpus, s.Best!.TrainTime.Seconds));
            Assert.Equal(expected, line.Points);
            var failures = chart.Series.Single(s => s.Name == p.Option.Name + ": with failures (P50)");
            Near(p.DaysP50 * Kolosseum.Units.Duration.SecondsPerDay, Assert.Single(failures.Points).Y);
        }
    }

    [Fact]
    public void Power_charts_are_the_power_models_trace_with_the_swing_and_the_owned_site_limit()
    {
        foreach (var p in Plan.Options)
        {
            var chart = Chart<LineChart>("IT power over time: " + p.Option.Name);
            Assert.Equal(p.Power.Trace.Select(t => new ChartPoint(t.Seconds, t.It.Value)), Assert.Single(chart.Series).Points);
            var levels = chart.YMarkers.Where(m => !m.Label.StartsWith("site limit", StringComparison.Ordinal)).Select(m => m.Value).ToList();
            Near(p.Power.Swing.StepSwing.Value, levels.Max() - levels.Min());
            var site = chart.YMarkers.Where(m => m.Label.StartsWith("site limit", StringComparison.Ordinal)).ToList();
            if (p.Option.Ownership == Ownership.Owned && p.Site is { } s) Near(s.Limit.Value / p.Power.Profile.Pue, Assert.Single(site).Value);
            else Assert.Empty(site);
        }
        var byComponent = Chart<BarChart>("IT capacity by component");
        for (int i = 0; i < Plan.Options.Count; i++) Near(Plan.Options[i].Power.Profile.ItCapacity.Value, byComponent.Series.Sum(s => s.Values[i]));
    }

    [Fact]
    public void Failure_charts_show_the_simulated_trials_and_lost_hours()
    {
        var lost = Chart<BarChart>("GPU-hours lost by reason");
        for (int i = 0; i < Plan.Options.Count; i++)
        {
            var p = Plan.Options[i];
            var r = p.Reliability;
            var histogram = Chart<Histogram>("ETTR over the trials: " + p.Option.Name);
            Assert.Equal(Math.Min(r.Trials, ReliabilitySimulator.SampleLimit), histogram.Samples.Length);
            Assert.Equal([r.Ettr.P10, r.Ettr.P50, r.Ettr.P90], histogram.Markers.Select(m => m.Value));
            // With every trial sampled, the samples are the trials the percentiles were taken over.
            Assert.Equal(r.EttrSamples, histogram.Samples);
            Assert.InRange(r.Ettr.P50, histogram.Samples.Min(), histogram.Samples.Max());

            var timeline = Chart<EventTimeline>("Interruptions in one simulated run: " + p.Option.Name);
            int interruptions = r.Timeline.Count(e => e.Kind is TimelineEventKind.Failure or TimelineEventKind.PlannedStop or TimelineEventKind.WaitForSpare or TimelineEventKind.GiveUp);
            Assert.Equal(interruptions, timeline.Events.Length);
            Assert.True(interruptions > 0);
            Near(r.Timeline[^1].At.Seconds, timeline.End!.Value);

            Near(r.Lost.Total, lost.Series.Sum(s => s.Values[i]));
        }
    }

    [Fact]
    public void Cost_charts_add_up_to_the_run_cost_and_end_at_the_tco()
    {
        var run = Chart<BarChart>("Cost of the run");
        var tco = Chart<LineChart>("Cumulative cost over the years");
        foreach (var p in Plan.Options)
        {
            int i = run.Categories.IndexOf(p.Option.Name);
            Near(p.Cost.RunCost.Value, run.Series.Sum(s => s.Values[i]));
            if (p.Option.Ownership == Ownership.Owned)
            {
                Near(p.Cost.RentedRun!.Value.Value, run.Series.Sum(s => s.Values[run.Categories.IndexOf(p.Option.Name + ", rented")]));
                var cash = tco.Series.Single(s => s.Name == p.Option.Name + ": capex, then running costs");
                Near(p.Cost.Capex.Total.Value, cash.Points[0].Y);
                Near(p.Cost.OwnedTcoLevelised.Value, tco.Series.Single(s => s.Name == p.Option.Name + ": levelised (capital charges)").Points[^1].Y);
            }
            else
            {
                Near(p.Cost.RentedTco!.Value.Value, tco.Series.Single(s => s.Name == p.Option.Name).Points[^1].Y);
            }
            Near(p.Cost.Horizon.Seconds, tco.Series.First(s => s.Name.StartsWith(p.Option.Name, StringComparison.Ordinal)).Points[^1].X);

            var tornado = Chart<TornadoChart>("What moves the cost of the run: " + p.Option.Name);
            Near(p.Cost.RunCost.Value, tornado.Baseline);
            Assert.Equal(p.Tornado.Count(t => t.Spread.Value > 0), tornado.Bars.Length);
            Assert.NotEmpty(tornado.Bars);
        }
    }

    [Fact]
    public void Build_out_charts_hold_every_phase_and_reach_full_capacity()
    {
        var capacity = Chart<LineChart>("GPUs online week by week");
        foreach (var p in Plan.Options)
        {
            var b = p.Buildout;
            var line = capacity.Series.Single(s => s.Name == p.Option.Name);
            Assert.Equal(p.Option.Gpus, line.Points[^1].Y);
            Assert.Equal(line.Points.Length, line.Band.Length);
            if (b.FullCapacity.SinceStart.P90.Seconds <= 0) continue; // renting: nothing to build, said in words
            var gantt = Chart<GanttChart>("Build-out: " + p.Option.Name + " (" + b.Model.Preset + ")");
            Assert.Equal(b.Phases.Count + (b.RampStages.Count > 0 ? 1 : 0), gantt.Tasks.Length);
            Assert.All(gantt.Tasks, t => Assert.True(t.Start <= t.EndP50 && t.EndP50 <= t.EndP90, t.Name));
            Near(b.FullCapacity.SinceStart.P90.Seconds, gantt.Tasks.Max(t => t.EndP90!.Value));
        }
    }

    [Fact]
    public void Every_number_in_a_table_carries_its_unit()
    {
        // A unit is a letter or symbol beside the digits ("17.7 s", "$101M", "44.6 %", "2,048 GPUs"), the column's unit, or a date.
        var unit = new Regex(@"[\p{L}%$×:/]|^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);
        var tables = Document.Sections.SelectMany(s => s.Blocks).OfType<TableBlock>().Select(t => t.Table).ToList();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
            for (int c = 0; c < table.Columns.Length; c++)
            {
                var column = table.Columns[c];
                if (column.Unit is not null || column.Header == "Rank") continue;
                foreach (var row in table.Rows.Where(r => c < r.Length && r[c].IsNumeric))
                    Assert.True(unit.IsMatch(row[c].Text), $"{table.Caption}, {column.Header}: '{row[c].Text}' has no unit");
            }
    }

    [Fact]
    public void Every_assumption_has_a_source_and_every_catalog_entry_used_is_listed()
    {
        var assumptions = Document.Assumptions;
        Assert.All(assumptions, a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Text + " has no source"));
        Assert.Contains(assumptions, a => a.Text.StartsWith("MFU = ", StringComparison.Ordinal) && a.Source!.Contains("PaLM", StringComparison.Ordinal));

        var catalog = Plan.Scenario.Catalog;
        var used = CatalogAssumptions.Used(Plan).ToList();
        Assert.Contains(("gpus", "H100-SXM-80GB"), used);
        foreach (var (kind, id) in used.Where(u => catalog.Entry(u.Kind, u.Id) is not null))
            Assert.Contains(assumptions, a => a.Text.StartsWith($"Catalog {kind}/{id}: ", StringComparison.Ordinal));

        // Each performance-model efficiency of the GPU, with its own source from the catalog.
        var gpu = catalog.Entry("gpus", "H100-SXM-80GB")!;
        foreach (var (path, value) in CatalogAssumptions.Leaves(gpu.Fields, "").Where(l => l.Path.StartsWith("efficiency.", StringComparison.Ordinal)))
            Assert.Contains(assumptions, a => a.Text.Contains(path + " = " + value, StringComparison.Ordinal) && a.Source == gpu.SourceOf(path));

        var s = Plan.Scenario.Sections;
        foreach (var e in s.Get<ReliabilitySettings>().Echo())
            Assert.Contains(assumptions, a => a.Text == "reliability." + e.Key + ": " + e.Value && a.Source == e.Origin);
        foreach (var a in s.Get<Kolosseum.Power.PowerSettings>().Assumptions.Concat(s.Get<Kolosseum.Economics.EconomicsSettings>().Assumptions))
            Assert.Contains(assumptions, x => x.Text == a.Key + ": " + a.Value && x.Source == a.Source);
        foreach (var phase in Plan.Options.SelectMany(p => p.Buildout.Phases))
            Assert.Contains(assumptions, a => a.Text.Contains("phase " + phase.Name + ": ", StringComparison.Ordinal) && a.Source == phase.Source);
    }

    [Fact]
    public void Resolved_scenario_names_every_option_with_its_hardware_and_build_out()
    {
        var text = Assert.Single(Document.Sections.Single(s => s.Heading == "Resolved scenario").Blocks.OfType<PreformattedBlock>()).Text;
        Assert.Contains("seed: " + PlanFixtures.Seed, text, StringComparison.Ordinal);
        // A scenario file (ResolvedScenarioRoundTripTests loads and plans it): the model, each option with its node.
        Assert.Contains("model: " + Plan.Scenario.Model.Id, text, StringComparison.Ordinal);
        foreach (var p in Plan.Options)
        {
            Assert.Contains("- name: " + p.Option.Name, text, StringComparison.Ordinal);
            Assert.Contains("node: " + p.Option.Node.Id, text, StringComparison.Ordinal);
            Assert.Contains("# " + p.Option.Name + ": layout " + p.Step.Layout, text, StringComparison.Ordinal);
        }
        Assert.Contains("gpu: H100-SXM-80GB", text, StringComparison.Ordinal);
    }

    private static IEnumerable<T> Charts<T>() where T : Chart =>
        Document.Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().Select(b => b.Chart).OfType<T>();

    private static T Chart<T>(string title) where T : Chart => Assert.Single(Charts<T>(), c => c.Title == title);

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Max(Math.Abs(expected), Math.Abs(actual)), "expected " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ", got " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
