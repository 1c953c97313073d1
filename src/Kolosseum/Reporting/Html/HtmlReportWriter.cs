using System.Globalization;
using System.Text;
using Kolosseum.Reporting.Svg;

namespace Kolosseum.Reporting.Html;

/// <summary>
/// Turns a <see cref="ReportDocument"/> into one self-contained HTML file: inline CSS and SVG, no
/// script, no external resource, every user string escaped. The output depends on the document
/// only (ids are counters, numbers are invariant, lines end in \n), so it can be golden-tested.
/// </summary>
public static class HtmlReportWriter
{
    public static string Write(ReportDocument document)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(HtmlText.Escape(ReportStyles.ContentSecurityPolicy)).Append("\">\n");
        html.Append("<meta name=\"generator\" content=\"Kolosseum\">\n");
        html.Append("<title>").Append(HtmlText.EscapeLine(document.Title)).Append("</title>\n");
        html.Append("<style>").Append(ReportStyles.Css).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>").Append(HtmlText.EscapeLine(document.Title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(document.Subtitle))
            html.Append("<p class=\"subtitle\">").Append(HtmlText.EscapeLine(document.Subtitle)).Append("</p>\n");
        html.Append("</header>\n<main>\n");
        AppendMain(html, document);
        html.Append("</main>\n<footer>\n<p>");
        if (!string.IsNullOrEmpty(document.Footer)) html.Append(HtmlText.EscapeLine(document.Footer)).Append(" · ");
        html.Append("Made with Kolosseum. Self-contained: this file loads nothing from the network.</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// What the report's &lt;main&gt; holds (answer, comparison, contents, sections with their charts, assumptions),
    /// for a page that shows the report's content inside its own frame, e.g. <c>kolosseum serve</c>.
    /// </summary>
    public static string Main(ReportDocument document)
    {
        var html = new StringBuilder(64 * 1024);
        AppendMain(html, document);
        return html.ToString();
    }

    private static void AppendMain(StringBuilder html, ReportDocument document)
    {
        var sections = document.Sections.IsDefault ? [] : document.Sections;
        var assumptions = document.Assumptions.IsDefault ? [] : document.Assumptions;

        if (!string.IsNullOrEmpty(document.Answer))
            html.Append("<section class=\"answer\" aria-labelledby=\"answer\">\n<h2 id=\"answer\">Answer</h2>\n<p>")
                .Append(HtmlText.Escape(document.Answer)).Append("</p>\n</section>\n");
        if (document.Comparison is { } comparison)
            html.Append("<section aria-labelledby=\"comparison\">\n<h2 id=\"comparison\">").Append(HtmlText.EscapeLine(comparison.Caption))
                .Append("</h2>\n").Append(TableHtml.Comparison(comparison)).Append("</section>\n");

        if (sections.Length > 1 || (sections.Length > 0 && assumptions.Length > 0))
            AppendContents(html, sections, assumptions.Length > 0);

        int chartIndex = 0;
        for (int i = 0; i < sections.Length; i++)
        {
            var section = sections[i];
            string id = SectionId(i);
            html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">")
                .Append(HtmlText.EscapeLine(section.Heading)).Append("</h2>\n");
            if (!string.IsNullOrEmpty(section.Lead))
                html.Append("<p class=\"lead\">").Append(HtmlText.Escape(section.Lead)).Append("</p>\n");
            foreach (var block in section.Blocks.IsDefault ? [] : section.Blocks)
                html.Append(Block(block, ref chartIndex));
            html.Append("</section>\n");
        }

        if (assumptions.Length > 0) AppendAssumptions(html, assumptions);
    }

    /// <summary>Section anchors are counters: user text never becomes an id.</summary>
    private static string SectionId(int index) => "s" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void AppendContents(StringBuilder html, IReadOnlyList<ReportSection> sections, bool withAssumptions)
    {
        html.Append("<nav aria-label=\"Contents\">\n<ol>\n");
        for (int i = 0; i < sections.Count; i++)
            html.Append("<li><a href=\"#").Append(SectionId(i)).Append("\">").Append(HtmlText.EscapeLine(sections[i].Heading)).Append("</a></li>\n");
        if (withAssumptions) html.Append("<li><a href=\"#assumptions\">Assumptions and sources</a></li>\n");
        html.Append("</ol>\n</nav>\n");
    }

    private static string Block(ReportBlock block, ref int chartIndex) => block switch
    {
        ParagraphBlock p => "<p>" + HtmlText.Escape(p.Text) + "</p>\n",
        NoteBlock n => "<p class=\"note\">" + HtmlText.Escape(n.Text) + "</p>\n",
        PreformattedBlock pre => Preformatted(pre),
        KeyValueBlock kv => TableHtml.KeyValues(kv),
        TableBlock t => TableHtml.Table(t.Table),
        ChartBlock c => ChartFigure.Render(c.Chart, "chart-" + (++chartIndex).ToString(CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException("no HTML for " + block.GetType().Name),
    };

    private static string Preformatted(PreformattedBlock pre)
    {
        var sb = new StringBuilder("<figure>\n");
        if (!string.IsNullOrEmpty(pre.Caption)) sb.Append("<figcaption>").Append(HtmlText.EscapeLine(pre.Caption)).Append("</figcaption>\n");
        return sb.Append("<pre>").Append(HtmlText.Escape(pre.Text)).Append("</pre>\n</figure>\n").ToString();
    }

    private static void AppendAssumptions(StringBuilder html, IReadOnlyList<Assumption> assumptions)
    {
        html.Append("<section aria-labelledby=\"assumptions\">\n<h2 id=\"assumptions\">Assumptions and sources</h2>\n<ol class=\"assumptions\">\n");
        foreach (var a in assumptions)
        {
            html.Append("<li>").Append(HtmlText.Escape(a.Text));
            if (!string.IsNullOrEmpty(a.Source)) html.Append(" <span class=\"source\">Source: ").Append(SourceLink.Html(a.Source)).Append("</span>");
            html.Append("</li>\n");
        }
        html.Append("</ol>\n</section>\n");
    }
}
