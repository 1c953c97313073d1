using System.Globalization;
using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>
/// One lane per category with a tick per event. All ticks of a lane form one path, and ticks that
/// fall on the same half pixel are drawn once, so a run with a million events still gives a small file.
/// </summary>
internal static class EventTimelineRenderer
{
    private const double Lane = 22;
    private const double TickHeight = 14;

    public static ChartDrawing Draw(EventTimeline chart)
    {
        var events = chart.Events.IsDefault ? [] : chart.Events;
        var usable = events.Where(e => AxisScale.CanShow(chart.TimeAxis, e.Time)).ToArray();
        int dropped = events.Length - usable.Length;
        if (usable.Length == 0) return ChartDrawing.Empty("No events to show.", dropped);

        // Largest lane first; equal counts by name, so the order never depends on input order.
        var lanes = usable.GroupBy(e => e.Category, StringComparer.Ordinal)
                          .Select(g => (Name: g.Key, Times: g.Select(e => e.Time).ToArray()))
                          .OrderByDescending(l => l.Times.Length).ThenBy(l => l.Name, StringComparer.Ordinal)
                          .ToArray();
        var end = chart.End is { } e && AxisScale.CanShow(chart.TimeAxis, e) ? new[] { e } : [];
        var scale = AxisScale.Create(chart.TimeAxis, usable.Select(u => u.Time).Concat(end), targetTicks: 6)!;

        var labels = lanes.Select(l => l.Name + " (" + l.Times.Length.ToString(CultureInfo.InvariantCulture) + ")").ToArray();
        double labelWidth = Math.Min(ChartLayout.MaxLabelWidth, labels.Max(TextMetrics.Width));
        double left = ChartLayout.Pad + labelWidth + ChartLayout.AxisLabelGap;
        // The run's end as a marker: the axis's last tick is rounded up past it, so the axis itself cannot show where it is.
        var across = new Plot(left, 0, ChartLayout.Width - left - ChartLayout.RightRoom(scale), lanes.Length * Lane + 6);
        var endMarker = end.Select(v => (X: across.X(scale.Fraction(v)), Label: ChartLayout.MarkerText(new ChartMarker(v, "run ends"), chart.TimeAxis.Unit))).ToArray();
        var spots = ChartLayout.VerticalMarkerSpots(endMarker, across);
        var plot = across with { Top = ChartLayout.Pad + MarkerLabels.BandHeight(spots) };

        var svg = new SvgBuilder();
        ChartLayout.BottomAxis(svg, scale, plot);
        for (int i = 0; i < lanes.Length; i++)
        {
            double mid = plot.Top + 3 + i * Lane + Lane / 2;
            svg.Text(left - ChartLayout.AxisLabelGap, mid + 4, TextMetrics.Fit(labels[i], labelWidth), "category-label", "end", tooltip: labels[i]);
            svg.Line(plot.Left, mid, plot.Right, mid, "lane");
            var d = new PathData();
            foreach (double x in lanes[i].Times.Select(t => Math.Round(plot.X(scale.Fraction(t)) * 2) / 2).Distinct().Order())
                d.MoveTo(x, mid - TickHeight / 2).LineTo(x, mid + TickHeight / 2);
            svg.Path(d, "event", stroke: Palette.Series(i), tooltip: labels[i]);
        }
        ChartLayout.VerticalMarkers(svg, endMarker, spots, plot);
        return new ChartDrawing(svg.ToString(), plot.Bottom + ChartLayout.BottomAxisHeight, null, dropped);
    }
}
