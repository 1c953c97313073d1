using System.Globalization;
using System.Text;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Reporting.Svg;

/// <summary>
/// A chart as an HTML figure: a caption with the title and description, then an inline SVG
/// (role img, labelled by its own title and desc), or, when there is nothing to draw, a sentence
/// saying so. Values that could not be drawn are counted under the chart, never hidden.
/// </summary>
public static class ChartFigure
{
    /// <summary>The figure's HTML; <paramref name="id"/> must be unique in the page and is generated, not user text.</summary>
    public static string Render(Chart chart, string id)
    {
        var drawing = Draw(chart);
        var sb = new StringBuilder();
        sb.Append("<figure class=\"chart\" id=\"").Append(HtmlText.Escape(id)).Append("\" data-chart=\"").Append(Kind(chart)).Append("\">\n");
        sb.Append("<figcaption><span class=\"chart-title\">").Append(HtmlText.EscapeLine(chart.Title)).Append("</span>");
        if (!string.IsNullOrEmpty(chart.Description))
            sb.Append(" <span class=\"chart-desc\">").Append(HtmlText.EscapeLine(chart.Description)).Append("</span>");
        sb.Append("</figcaption>\n");

        if (drawing.Body is null)
        {
            sb.Append("<p class=\"chart-empty\">").Append(HtmlText.Escape(drawing.EmptyReason)).Append("</p>\n");
        }
        else
        {
            string w = SvgBuilder.N(ChartLayout.Width), h = SvgBuilder.N(Math.Ceiling(drawing.Height));
            string safeId = HtmlText.Escape(id);
            sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h)
              .Append("\" width=\"").Append(w).Append("\" height=\"").Append(h)
              .Append("\" role=\"img\" aria-labelledby=\"").Append(safeId).Append("-t ").Append(safeId).Append("-d\">\n");
            sb.Append("<title id=\"").Append(safeId).Append("-t\">").Append(HtmlText.EscapeLine(chart.Title)).Append("</title>\n");
            sb.Append("<desc id=\"").Append(safeId).Append("-d\">").Append(HtmlText.EscapeLine(chart.Description ?? Summary(chart))).Append("</desc>\n");
            sb.Append(drawing.Body);
            sb.Append("</svg>\n");
        }
        if (drawing.Dropped > 0)
        {
            string count = drawing.Dropped.ToString(CultureInfo.InvariantCulture);
            sb.Append("<p class=\"chart-note\">").Append(count).Append(drawing.Dropped == 1 ? " value was" : " values were")
              .Append(" left out: not a finite number, out of range, or not positive on a log axis.</p>\n");
        }
        sb.Append("</figure>\n");
        return sb.ToString();
    }

    internal static ChartDrawing Draw(Chart chart) => chart switch
    {
        BarChart c => BarChartRenderer.Draw(c),
        LineChart c => LineChartRenderer.Draw(c),
        Histogram c => HistogramRenderer.Draw(c),
        EventTimeline c => EventTimelineRenderer.Draw(c),
        GanttChart c => GanttRenderer.Draw(c),
        TornadoChart c => TornadoRenderer.Draw(c),
        _ => throw new NotSupportedException("no renderer for " + chart.GetType().Name),
    };

    /// <summary>The kind name used in data-chart, for styling and for the browser check.</summary>
    public static string Kind(Chart chart) => chart switch
    {
        BarChart => "bar",
        LineChart => "line",
        Histogram => "histogram",
        EventTimeline => "timeline",
        GanttChart => "gantt",
        TornadoChart => "tornado",
        _ => "chart",
    };

    // A generated description when the caller gave none, so a screen reader hears more than the title.
    private static string Summary(Chart chart) => chart switch
    {
        BarChart c => "Bar chart of " + Join(c.Series.IsDefault ? [] : c.Series.Select(s => s.Name)) + " for " + Join(c.Categories.IsDefault ? [] : c.Categories) + ".",
        LineChart c => "Line chart of " + Join(c.Series.IsDefault ? [] : c.Series.Select(s => s.Name)) + " against " + c.XAxis.Title + ".",
        Histogram c => "Histogram of " + (c.Samples.IsDefault ? 0 : c.Samples.Length).ToString(CultureInfo.InvariantCulture) + " " + c.CountLabel + " by " + c.ValueAxis.Title + ".",
        EventTimeline c => "Timeline of " + (c.Events.IsDefault ? 0 : c.Events.Length).ToString(CultureInfo.InvariantCulture) + " events by category.",
        GanttChart c => "Schedule of " + Join(c.Tasks.IsDefault ? [] : c.Tasks.Select(t => t.Name)) + ".",
        TornadoChart c => "Sensitivity of " + c.OutcomeAxis.Title + " to " + Join(c.Bars.IsDefault ? [] : c.Bars.Select(b => b.Input)) + ".",
        _ => chart.Title,
    };

    private static string Join(IEnumerable<string> names)
    {
        var list = names.Take(9).ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list.Take(8)) + (list.Count > 8 ? ", …" : "");
    }
}
