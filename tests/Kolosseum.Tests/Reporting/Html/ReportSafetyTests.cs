using System.Text.RegularExpressions;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Tests.Reporting.Html;

/// <summary>
/// Hostile text in every user-facing field of a report. Whatever it holds, the set of tags and
/// attributes in the output stays the set the writer itself uses, and the text shows only escaped.
/// </summary>
public partial class ReportSafetyTests
{
    private const string Script = "<script>alert(1)</script>";

    private static readonly string[] Payloads =
    [
        Script,
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</style><script>alert(2)</script>",
        "</title></svg><iframe src=\"https://example.com\"></iframe>",
        "<!-- x --><![CDATA[ y ]]>",
        "a\u0000b\u001b[2J\u202Ec",
    ];

    private static readonly HashSet<string> WriterTags =
    [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "main", "section", "nav", "ol", "li", "a",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "dl", "dt", "dd", "figure", "figcaption", "pre", "footer",
        "svg", "desc", "g", "rect", "line", "path", "circle", "text",
    ];

    private static readonly HashSet<string> WriterAttributes =
    [
        "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "rel", "scope", "aria-labelledby", "aria-label", "data-chart",
        "xmlns", "viewBox", "width", "height", "role", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d", "fill", "stroke", "text-anchor",
    ];

    [Fact]
    public void Hostile_text_in_every_field_adds_no_tag_or_attribute()
    {
        foreach (string payload in Payloads)
        {
            string html = HtmlReportWriter.Write(HostileDocument(payload));

            var tags = TagPattern().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Subset(WriterTags, tags);
            var attributes = AttributePattern().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Subset(WriterAttributes, attributes);
            Assert.Equal(1, Regex.Count(html, "<style", RegexOptions.IgnoreCase));
            Assert.Equal(1, Regex.Count(html, "</style", RegexOptions.IgnoreCase));
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\u001b", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0000", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_named_like_a_script_appears_only_escaped()
    {
        string html = HtmlReportWriter.Write(SampleReport.Build(modelName: Script));
        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/x")]
    [InlineData("https://example.com/a b")]
    public void Only_http_sources_become_links(string source)
    {
        string html = HtmlReportWriter.Write(new ReportDocument { Title = "t", Assumptions = [new Assumption("a", source)] });
        Assert.DoesNotContain("<a href=\"" + HtmlText.Escape(source), html, StringComparison.Ordinal);
        Assert.Contains(HtmlText.EscapeLine(source), html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_source_is_a_link_that_opens_without_referrer()
    {
        string html = HtmlReportWriter.Write(new ReportDocument { Title = "t", Assumptions = [new Assumption("a", "https://example.com/?a=1&b=2")] });
        Assert.Contains("<a href=\"https://example.com/?a=1&amp;b=2\" rel=\"noopener noreferrer external\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_allows_only_the_report_style_sheet()
    {
        string html = HtmlReportWriter.Write(SampleReport.Build());
        Assert.Contains("default-src &#39;none&#39;; style-src &#39;sha256-", html, StringComparison.Ordinal);
        // The hash in the policy is the hash of the sheet actually embedded.
        int start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        string css = html[start..html.IndexOf("</style>", StringComparison.Ordinal)];
        string hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)));
        Assert.Contains("sha256-" + hash, html, StringComparison.Ordinal);
    }

    private static ReportDocument HostileDocument(string p) => new()
    {
        Title = p,
        Subtitle = p,
        Answer = p,
        Footer = p,
        Comparison = new ComparisonTable([p, p + "2"], [new ComparisonRow(p, Better.Lower, [ReportValue.Of(p, 1), ReportValue.Of(p, 2)])]) { Caption = p },
        Sections =
        [
            new ReportSection(p,
            [
                new ParagraphBlock(p),
                new NoteBlock(p),
                new PreformattedBlock(p) { Caption = p },
                new KeyValueBlock([new KeyValue(p, p) { Source = p }]),
                new TableBlock(new ReportTable(p, [new TableColumn(p, p)], [[p]])),
                new ChartBlock(new BarChart(p, [p], [new BarSeries(p, [1]), new BarSeries(p, [2])], new AxisSpec(p, new AxisUnit(AxisUnitKind.Count, p))) { Description = p, Markers = [new ChartMarker(1, p)] }),
                new ChartBlock(new LineChart(p, new AxisSpec(p, AxisUnit.Duration), new AxisSpec(p, AxisUnit.Usd), [new LineSeries(p, [new ChartPoint(0, 1), new ChartPoint(1, 2)]), new LineSeries(p, [new ChartPoint(0, 2)])]) { XMarkers = [new ChartMarker(0.5, p)], YMarkers = [new ChartMarker(1.5, p)] }),
                new ChartBlock(new Histogram(p, new AxisSpec(p, AxisUnit.Percent), [0.1, 0.2, 0.3]) { CountLabel = p, Markers = [new ChartMarker(0.2, p)] }),
                new ChartBlock(new EventTimeline(p, new AxisSpec(p, AxisUnit.Duration), [new TimelineEvent(1, p), new TimelineEvent(2, p + "x")])),
                new ChartBlock(new GanttChart(p, new AxisSpec(p, AxisUnit.Duration), [new GanttTask(p, 0, 1, 2)]) { Markers = [new ChartMarker(1, p)] }),
                new ChartBlock(new TornadoChart(p, new AxisSpec(p, AxisUnit.Usd), 10, [new TornadoBar(p, 8, 12, p, p)])),
                new ChartBlock(new Histogram(p, new AxisSpec(p, AxisUnit.Percent), [])),
            ]) { Lead = p },
        ],
        Assumptions = [new Assumption(p, p)],
    };

    [GeneratedRegex("<([!A-Za-z][A-Za-z0-9-]*)")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s([A-Za-z-]+)=\"")]
    private static partial Regex AttributePattern();
}
