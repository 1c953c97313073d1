using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Svg;

namespace Kolosseum.Tests.Reporting.Svg;

public partial class ChartFigureTests
{
    private static readonly AxisSpec Time = new("time", AxisUnit.Duration);

    public static TheoryData<string> ChartKinds => ["bar", "line", "histogram", "timeline", "gantt", "tornado"];

    public static TheoryData<BarOrientation, BarLayout> BarForms => new()
    {
        { BarOrientation.Horizontal, BarLayout.Stacked }, { BarOrientation.Horizontal, BarLayout.Grouped },
        { BarOrientation.Vertical, BarLayout.Stacked }, { BarOrientation.Vertical, BarLayout.Grouped },
    };

    private static Chart WithData(string kind) => kind switch
    {
        "bar" => new BarChart("b", ["a", "b"], [new BarSeries("x", [1, 2]), new BarSeries("y", [3, -1])], new AxisSpec("v", AxisUnit.Usd)),
        "line" => new LineChart("l", Time, new AxisSpec("p", AxisUnit.Watts), [new LineSeries("s", [new ChartPoint(0, 1e6), new ChartPoint(60, 2e6)]) { Band = [new BandPoint(0, 0.5e6, 1.5e6), new BandPoint(60, 1.5e6, 2.5e6)] }]),
        "histogram" => new Histogram("h", new AxisSpec("e", AxisUnit.Percent), [0.9, 0.91, 0.92, 0.95]),
        "timeline" => new EventTimeline("t", Time, [new TimelineEvent(5, "gpu"), new TimelineEvent(9, "nic")]),
        "gantt" => new GanttChart("g", Time, [new GanttTask("site", 0, 10, 12), new GanttTask("build", 5, 20)]),
        "tornado" => new TornadoChart("s", new AxisSpec("c", AxisUnit.Usd), 10, [new TornadoBar("price", 8, 13)]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Chart Empty(string kind) => kind switch
    {
        "bar" => new BarChart("b", [], [], new AxisSpec("v", AxisUnit.Usd)),
        "line" => new LineChart("l", Time, Time, []),
        "histogram" => new Histogram("h", Time, []),
        "timeline" => new EventTimeline("t", Time, []),
        "gantt" => new GanttChart("g", Time, []),
        "tornado" => new TornadoChart("s", Time, 1, []),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(ChartKinds))]
    public void A_chart_with_data_is_well_formed_labelled_svg(string kind)
    {
        string html = ChartFigure.Render(WithData(kind), "c1");
        var svg = ParseSvg(html);
        Assert.Equal("img", svg.Attribute("role")?.Value);
        Assert.Equal("c1-t c1-d", svg.Attribute("aria-labelledby")?.Value);
        Assert.NotNull(svg.Elements().FirstOrDefault(e => e.Name.LocalName == "title" && e.Attribute("id")?.Value == "c1-t"));
        Assert.NotNull(svg.Elements().FirstOrDefault(e => e.Name.LocalName == "desc" && e.Value.Length > 0));
        Assert.Contains("data-chart=\"" + kind + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-empty", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BarForms))]
    public void Every_bar_form_draws_one_rect_per_finite_value(BarOrientation orientation, BarLayout layout)
    {
        var chart = new BarChart("b", ["a", "b"], [new BarSeries("x", [1, 2]), new BarSeries("y", [3, -1]), new BarSeries("z", [double.NaN, 4])],
            new AxisSpec("v", AxisUnit.Usd)) { Orientation = orientation, Layout = layout };
        var svg = ParseSvg(ChartFigure.Render(chart, "c1"));
        int bars = svg.Descendants().Count(e => e.Name.LocalName == "rect" && e.Attribute("class")?.Value == "bar");
        Assert.Equal(5, bars);
    }

    [Theory]
    [MemberData(nameof(ChartKinds))]
    public void A_chart_without_data_says_so_instead_of_drawing_an_empty_svg(string kind)
    {
        string html = ChartFigure.Render(Empty(kind), "c1");
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Matches("<p class=\"chart-empty\">No [a-z ]+ to show\\.</p>", html);
    }

    [Theory]
    [MemberData(nameof(ChartKinds))]
    public void Extreme_values_never_reach_the_svg_as_nan_or_infinity(string kind)
    {
        double[] extremes = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e300, -1e300, double.Epsilon, 0];
        Chart chart = kind switch
        {
            "bar" => new BarChart("b", ["a"], [.. extremes.Select(v => new BarSeries("x", [v]))], new AxisSpec("v", AxisUnit.Usd)),
            "line" => new LineChart("l", Time, Time, [new LineSeries("s", [.. extremes.SelectMany(x => extremes.Select(y => new ChartPoint(x, y)))])]),
            "histogram" => new Histogram("h", Time, [.. extremes]),
            "timeline" => new EventTimeline("t", Time, [.. extremes.Select(v => new TimelineEvent(v, "c"))]),
            "gantt" => new GanttChart("g", Time, [.. extremes.Select(v => new GanttTask("p", 0, v))]),
            "tornado" => new TornadoChart("s", Time, 0, [.. extremes.Select(v => new TornadoBar("i", v, -v))]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        string html = ChartFigure.Render(chart, "c1");
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", html, StringComparison.Ordinal);
        if (html.Contains("<svg", StringComparison.Ordinal)) ParseSvg(html);
        Assert.Matches("[0-9]+ values? (was|were) left out", html);
    }

    [Fact]
    public void Left_out_values_are_counted_exactly()
    {
        var chart = new BarChart("b", ["a", "b"], [new BarSeries("x", [1, double.NaN]), new BarSeries("y", [2, double.PositiveInfinity])], new AxisSpec("v", AxisUnit.None));
        Assert.Contains("2 values were left out", ChartFigure.Render(chart, "c"), StringComparison.Ordinal);
        var log = new LineChart("l", new AxisSpec("x", AxisUnit.Gpus) { Scale = AxisScaleKind.Log }, Time, [new LineSeries("s", [new ChartPoint(0, 1), new ChartPoint(10, 2), new ChartPoint(100, 3)])]);
        Assert.Contains("1 value was left out", ChartFigure.Render(log, "c"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stacked_bar_labels_its_net_total()
    {
        // 7.9 + 0.9 + 0.6 + 0.3 = 9.7 s; with a credit, 3.1 + 0.6 - 0.5 = $3.2B.
        var time = new BarChart("b", ["rent"], [new BarSeries("a", [7.9]), new BarSeries("b", [0.9]), new BarSeries("c", [0.6]), new BarSeries("d", [0.3])], new AxisSpec("t", AxisUnit.Duration));
        Assert.Contains(">9.7 s</text>", ChartFigure.Render(time, "c"), StringComparison.Ordinal);
        var cost = new BarChart("b", ["build"], [new BarSeries("gpus", [3.1e9]), new BarSeries("net", [0.6e9]), new BarSeries("resale", [-0.5e9])], new AxisSpec("c", AxisUnit.Usd));
        Assert.Contains(">$3.2B</text>", ChartFigure.Render(cost, "c"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tornado_puts_the_widest_swing_on_top_and_keeps_ties_in_given_order()
    {
        var ordered = TornadoRenderer.Order([new TornadoBar("narrow", 9, 11), new TornadoBar("tie-1", 5, 15), new TornadoBar("wide", 0, 30), new TornadoBar("tie-2", 15, 5)]);
        Assert.Equal(["wide", "tie-1", "tie-2", "narrow"], ordered.Select(b => b.Input));
    }

    [Fact]
    public void Timeline_lanes_run_from_most_to_fewest_events_then_by_name()
    {
        var chart = new EventTimeline("t", Time, [new(1, "b"), new(2, "a"), new(3, "c"), new(4, "c"), new(5, "b")]);
        string html = ChartFigure.Render(chart, "c");
        var lanes = LaneLabel().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["b (2)", "c (2)", "a (1)"], lanes);
    }

    [Fact]
    public void A_timeline_with_many_events_stays_small()
    {
        var events = Enumerable.Range(0, 200_000).Select(i => new TimelineEvent(i * 3.7, (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToImmutableArray();
        string html = ChartFigure.Render(new EventTimeline("t", Time, events), "c");
        // Five lanes of at most ~1,300 distinct half-pixel ticks each, however many events.
        Assert.InRange(html.Length, 1_000, 400_000);
    }

    [Fact]
    public void Gantt_leaves_out_phases_that_end_before_they_start()
    {
        var chart = new GanttChart("g", Time, [new GanttTask("ok", 0, 10, 20), new GanttTask("reversed", 10, 5), new GanttTask("p90 early", 0, 10, 5)]);
        string html = ChartFigure.Render(chart, "c");
        Assert.Contains("2 values were left out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>reversed", html, StringComparison.Ordinal);
    }

    private static XElement ParseSvg(string html)
    {
        int start = html.IndexOf("<svg", StringComparison.Ordinal), end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        Assert.True(start >= 0 && end > start, "no svg element");
        return XElement.Parse(html[start..end]);
    }

    [GeneratedRegex("<text [^>]*class=\"category-label\"[^>]*><title>([^<]*)</title>")]
    private static partial Regex LaneLabel();
}
