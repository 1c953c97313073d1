using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using CsCheck;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Svg;

namespace Kolosseum.Tests.Reporting.Svg;

/// <summary>
/// Label placement without a browser: marker labels share rows only where they do not touch, stay inside the
/// chart and keep off other markers' lines when a spot allows; tornado labels that would print on one spot become
/// one; and every chart kind, drawn from data built to crowd its labels, writes texts whose estimated boxes
/// (<see cref="TextBox"/>, the same estimate the renderers place by) neither overlap nor leave the SVG.
/// </summary>
public sealed class LabelLayoutTests
{
    private const double Left = 100, Right = 708;

    private static readonly Gen<(double X, string Label)[]> Markers =
        Gen.Select(Gen.Double[Left, Right], Gen.Int[1, 60], (x, n) => (x, new string('m', n))).Array[1, 7];

    [Fact]
    public void Marker_labels_in_one_row_never_overlap_and_stay_between_the_bounds()
    {
        Markers.Sample(markers =>
        {
            var spots = MarkerLabels.Layout(markers, Left, Right);
            var spans = spots.Select((s, i) => (s.Row, Span: Span(markers[i].X, s))).ToArray();
            for (int i = 0; i < spans.Length; i++)
            {
                Assert.True(spans[i].Span.Left >= Left - 0.01 && spans[i].Span.Right <= Right + 0.01, "label " + i + " leaves the bounds");
                Assert.True(markers[i].Label.StartsWith(spots[i].Text.TrimEnd('…'), StringComparison.Ordinal), "label " + i + " is not its text or a cut of it");
                for (int j = i + 1; j < spans.Length; j++)
                    if (spans[i].Row == spans[j].Row)
                        Assert.True(spans[i].Span.Right <= spans[j].Span.Left || spans[j].Span.Right <= spans[i].Span.Left, $"labels {i} and {j} overlap in row {spans[i].Row}");
            }
        });
    }

    [Fact]
    public void Close_percentile_markers_are_moved_apart_onto_sides_and_rows_and_keep_off_each_others_lines()
    {
        // P10, P50 and P90 of a narrow distribution, 12 units apart: each label is far wider than the gap.
        (double X, string Label)[] markers = [(400, "P10: 90.2 %"), (412, "P50: 90.5 %"), (424, "P90: 90.9 %")];
        var spots = MarkerLabels.Layout(markers, Left, Right);

        Assert.Equal(markers.Select(m => m.Label), spots.Select(s => s.Text));
        Assert.False(spots[0].RightOfLine); // the lowest goes left of its line, away from the others
        Assert.True(spots[2].RightOfLine);  // the highest right of its line
        // The outer two find spots clear of every other line; the middle one cannot (every spot it has crosses a
        // neighbour's line), so it takes the lowest row where it overlaps no label.
        foreach (int i in new[] { 0, 2 })
        {
            var span = Span(markers[i].X, spots[i]);
            Assert.DoesNotContain(markers.Where((_, j) => j != i), m => m.X > span.Left && m.X < span.Right);
        }
    }

    [Fact]
    public void A_marker_near_the_right_edge_writes_its_label_to_the_left_and_a_label_wider_than_the_room_is_cut()
    {
        var right = MarkerLabels.Layout([(Right - 10, "full capacity (P50): 140 d")], Left, Right).Single();
        Assert.False(right.RightOfLine);

        string longLabel = new('x', 200);
        var cut = MarkerLabels.Layout([(Left + 300, longLabel)], Left, Right).Single();
        Assert.EndsWith("…", cut.Text, StringComparison.Ordinal);
        Assert.True(TextMetrics.Width(cut.Text, TextMetrics.MarkerFontSize) <= Math.Max(Right - Left - 304, 296) + 0.01);
    }

    [Fact]
    public void Tornado_labels_on_one_side_of_the_base_become_one_label_and_labels_on_both_sides_stay_two()
    {
        var oneSide = TornadoRenderer.ValueLabels(new TornadoBar("price", 11, 12, "0.851", "1.079"), xLow: 420, xHigh: 440, xBase: 400, labelsEnd: 200);
        var label = Assert.Single(oneSide);
        Assert.Equal("0.851 / 1.079", label.Text);
        Assert.Equal(444, label.X);
        Assert.Equal("start", label.Anchor);

        var unmoved = TornadoRenderer.ValueLabels(new TornadoBar("price", 10, 10, "0.1", "0.9"), xLow: 400, xHigh: 400, xBase: 400, labelsEnd: 200);
        Assert.Equal("0.1 / 0.9", Assert.Single(unmoved).Text);

        var both = TornadoRenderer.ValueLabels(new TornadoBar("price", 8, 13, "$1.80", "$2.60"), xLow: 350, xHigh: 470, xBase: 400, labelsEnd: 200);
        Assert.Equal([("end", 346.0), ("start", 474.0)], both.Select(l => (l.Anchor, l.X)));
    }

    public static TheoryData<string> CrowdedKinds => ["histogram", "gantt", "bar-markers", "bar-vertical-markers", "line", "timeline", "tornado"];

    [Theory]
    [MemberData(nameof(CrowdedKinds))]
    public void Every_chart_kind_writes_texts_that_neither_overlap_nor_leave_the_svg(string kind)
    {
        string html = ChartFigure.Render(Crowded(kind), "c1");
        int start = html.IndexOf("<svg", StringComparison.Ordinal), end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        var svg = XDocument.Parse(html[start..end]).Root!;
        var viewBox = svg.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(t =>
        {
            string own = string.Concat(t.Nodes().OfType<XText>().Select(n => n.Value));
            double x = double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture), y = double.Parse(t.Attribute("y")!.Value, CultureInfo.InvariantCulture);
            string cls = t.Attribute("class")?.Value ?? "";
            return (Text: own, Box: TextBox.Of(x, y, own, t.Attribute("text-anchor")?.Value ?? "start", SvgBuilder.FontSize(cls)));
        }).Where(t => t.Text.Length > 0).ToArray();

        Assert.True(texts.Length >= 5, kind + " wrote only " + texts.Length + " texts");
        for (int i = 0; i < texts.Length; i++)
        {
            var b = texts[i].Box;
            Assert.True(b.Left >= -1 && b.Top >= -1 && b.Right <= viewBox[2] + 1 && b.Bottom <= viewBox[3] + 1, $"'{texts[i].Text}' {b} leaves the {viewBox[2]}×{viewBox[3]} SVG");
            for (int j = i + 1; j < texts.Length; j++)
                Assert.False(b.Overlaps(texts[j].Box, gap: -1), $"'{texts[i].Text}' {b} overlaps '{texts[j].Text}' {texts[j].Box}");
        }
    }

    private static (double Left, double Right) Span(double x, MarkerLabels.Spot s)
    {
        double w = TextMetrics.Width(s.Text, TextMetrics.MarkerFontSize);
        double at = s.X(x);
        return s.RightOfLine ? (at, at + w) : (at - w, at);
    }

    private static readonly AxisSpec Days = new("Time since the start", AxisUnit.Duration);

    // Data chosen to crowd labels: markers a few pixels apart, long names, equal outcomes, zero in the corner.
    private static Chart Crowded(string kind) => kind switch
    {
        "histogram" => new Histogram("h", new AxisSpec("ETTR", AxisUnit.Percent), [.. Enumerable.Range(0, 200).Select(i => 0.89 + 0.0001 * (i % 37))])
        {
            Markers = [new ChartMarker(0.8915, "P10"), new ChartMarker(0.8918, "P50"), new ChartMarker(0.8921, "P90")],
        },
        "gantt" => new GanttChart("g", Days, [new GanttTask("site selection", 0, 8 * 86400, 15 * 86400), new GanttTask("servers delivered, installed and accepted in the hall", 90 * 86400, 140 * 86400, 160 * 86400)])
        {
            Markers = [new ChartMarker(92.7 * 86400, "first 25,000 GPUs (P50)"), new ChartMarker(140 * 86400, "full capacity (P50)")],
        },
        "bar-markers" => new BarChart("b", ["Rent 24k H100", "Build 100k H100"], [new BarSeries("weights", [12e9, 6e9]), new BarSeries("activations", [66e9, 25e9])], new AxisSpec("Memory per GPU", AxisUnit.Bytes))
        {
            Markers = [new ChartMarker(80 * (1L << 30), "HBM of NVIDIA H100 SXM5 80GB")],
        },
        "bar-vertical-markers" => new BarChart("b", ["a", "b", "c"], [new BarSeries("x", [10e6, 20e6, 30e6])], new AxisSpec("Power", AxisUnit.Watts))
        {
            Orientation = BarOrientation.Vertical,
            Markers = [new ChartMarker(29e6, "site limit"), new ChartMarker(30.5e6, "grid limit")],
        },
        "line" => new LineChart("l", new AxisSpec("Time", AxisUnit.Duration), new AxisSpec("IT power", AxisUnit.Watts),
            [new LineSeries("Rent", [new ChartPoint(0, 11e6), new ChartPoint(200, 27e6), new ChartPoint(600, 16e6)]), new LineSeries("Build", [new ChartPoint(0, 20e6), new ChartPoint(600, 25e6)])])
        {
            YMarkers = [new ChartMarker(27.3e6, "compute"), new ChartMarker(26.9e6, "site limit"), new ChartMarker(17.7e6, "communication")],
            XMarkers = [new ChartMarker(0, "Rent: all online"), new ChartMarker(5, "Build: all online")],
        },
        "timeline" => new EventTimeline("t", Days, [.. Enumerable.Range(0, 40).Select(i => new TimelineEvent(i * 86400.0, i % 3 == 0 ? "planned_maintenance (planned)" : "faulty_gpu"))]) { End = 44.2 * 86400 },
        "tornado" => new TornadoChart("s", new AxisSpec("Build minus Rent", AxisUnit.Watts), 116e6,
            [new TornadoBar("PUE", 107e6, 131e6, "0.975", "1.193"), new TornadoBar("build-out percentile of Build 100k H100", 116e6, 116e6, "0.1", "0.9"),
             new TornadoBar("electricity price", 116e6, 116.2e6, "0.851", "1.079")]) { ZeroLine = true },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
