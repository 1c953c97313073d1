using System.Text.Json;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Reporting.Html;
using Kolosseum.Reporting.Output;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Reporting;

/// <summary>
/// The report in a real browser: headless Chromium loads the file, and a probe reads back what it
/// laid out. See <see cref="BrowserFactAttribute"/> for what happens where Chromium is missing.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReportBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string Hostile = "<script>alert(1)</script>\"'</style><img src=x onerror=alert(2)>";

    // For every chart figure: its kind, whether it has an SVG, the SVG's laid-out box, the box of
    // what it draws, and how many shapes it holds. Plus page facts: scripts, overflow, the h1 text.
    private const string Probe = """
        ({
          charts: [...document.querySelectorAll('figure.chart')].map(f => {
            const svg = f.querySelector('svg');
            if (!svg) return { id: f.id, kind: f.dataset.chart, svg: false, empty: f.querySelector('.chart-empty') !== null };
            const r = svg.getBoundingClientRect(), b = svg.getBBox();
            return { id: f.id, kind: f.dataset.chart, svg: true, width: r.width, height: r.height,
                     boxWidth: b.width, boxHeight: b.height, shapes: svg.querySelectorAll('rect,path,line,circle').length };
          }),
          scripts: document.scripts.length,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          heading: document.querySelector('h1').textContent
        })
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kolosseum-report-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [BrowserFact]
    public async Task Every_chart_renders_in_chromium_without_console_errors_or_requests()
    {
        var document = SampleReport.Build() with { Title = Hostile };
        document = document with
        {
            Sections = document.Sections.Add(new ReportSection("Empty", [new ChartBlock(new Histogram("No trials", new AxisSpec("ETTR", AxisUnit.Percent), []))])),
        };
        int expectedCharts = document.Sections.Sum(s => s.Blocks.Count(b => b is ChartBlock));
        var result = await LoadAsync(document, width: 1280);

        var charts = result.Probe.GetProperty("charts").EnumerateArray().ToArray();
        Assert.Equal(expectedCharts, charts.Length);
        Assert.Equal(new[] { "bar", "gantt", "histogram", "line", "timeline", "tornado" },
            charts.Where(c => c.GetProperty("svg").GetBoolean()).Select(c => c.GetProperty("kind").GetString()).Distinct().Order());
        foreach (var chart in charts)
        {
            string id = chart.GetProperty("id").GetString()!;
            if (!chart.GetProperty("svg").GetBoolean())
            {
                Assert.True(chart.GetProperty("empty").GetBoolean(), id + " has neither an SVG nor an empty-data note");
                continue;
            }
            Assert.True(chart.GetProperty("width").GetDouble() > 300, id + " laid out narrower than 300 px");
            Assert.True(chart.GetProperty("height").GetDouble() > 80, id + " laid out lower than 80 px");
            Assert.True(chart.GetProperty("boxWidth").GetDouble() > 100 && chart.GetProperty("boxHeight").GetDouble() > 40, id + " draws (almost) nothing");
            Assert.True(chart.GetProperty("shapes").GetInt32() >= 5, id + " holds fewer than 5 shapes");
        }
        Assert.Single(charts, c => !c.GetProperty("svg").GetBoolean());

        Assert.Equal(0, result.Probe.GetProperty("scripts").GetInt32());
        Assert.Equal(Hostile, result.Probe.GetProperty("heading").GetString());
        Assert.Empty(result.Problems);
        Assert.All(result.Requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Report_fits_a_phone_width_without_sideways_scrolling()
    {
        var result = await LoadAsync(SampleReport.Build(), width: 390);
        Assert.True(result.Probe.GetProperty("overflow").GetDouble() <= 0, "page is wider than a 390 px screen");
        Assert.Empty(result.Problems);
    }

    [BrowserFact]
    public async Task The_check_sees_script_errors_and_network_requests_when_a_page_has_them()
    {
        // The probe must be able to fail: a page with a throwing script and a remote image is caught.
        const string broken = "<!DOCTYPE html><html><head><title>x</title></head><body><h1>x</h1>" +
                              "<script>throw new Error('deliberate')</script><img src=\"http://127.0.0.1:9/missing.png\"></body></html>";
        var result = await LoadAsync(broken, width: 800);
        Assert.Contains(result.Problems, m => m.Contains("deliberate", StringComparison.Ordinal));
        Assert.Contains(result.Requests, url => url.StartsWith("http://127.0.0.1:9/", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task The_policy_blocks_a_script_that_got_into_a_report()
    {
        // Defence in depth: even if escaping failed, the report's Content-Security-Policy stops script.
        string html = HtmlReportWriter.Write(SampleReport.Build())
            .Replace("</h1>", "</h1><script>document.title = 'ran'</script>", StringComparison.Ordinal);
        var result = await LoadAsync(html, width: 800, probe: "document.title");
        Assert.NotEqual("ran", result.Probe.GetString());
        Assert.Contains(result.Problems, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Screenshot_is_a_png_of_the_requested_size()
    {
        string html = Path.Combine(_folder, "report.html"), png = Path.Combine(_folder, "shots", "report.png");
        Assert.True(ReportFile.WriteAtomically(html, HtmlReportWriter.Write(SampleReport.Build()), createParents: true).Ok);

        var problems = await Screenshots.CaptureAsync(browser, new Uri(html), png, 800, 600);

        Assert.Empty(problems);
        byte[] bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(600, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Regenerates docs/report-sample.png from the sample report (opt-in with KOLOSSEUM_DOCS_SCREENSHOT=1: it writes into the repository).</summary>
    [DocsScreenshotFact]
    [Trait("Category", "Long")]
    public async Task Sample_screenshot_for_the_docs()
    {
        string html = Path.Combine(_folder, "report-sample.html");
        Assert.True(ReportFile.WriteAtomically(html, HtmlReportWriter.Write(SampleReport.Build()), createParents: true).Ok);
        string png = Path.Combine(Approvals.RepositoryRoot(), "docs", "report-sample.png");
        Assert.Empty(await Screenshots.CaptureAsync(browser, new Uri(html), png, 1280, 2400));
    }

    private sealed record Loaded(JsonElement Probe, IReadOnlyList<string> Problems, IReadOnlyList<string> Requests);

    private Task<Loaded> LoadAsync(ReportDocument document, int width) => LoadAsync(HtmlReportWriter.Write(document), width);

    private async Task<Loaded> LoadAsync(string html, int width, string probe = Probe)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".html");
        var written = ReportFile.WriteAtomically(path, html, createParents: true);
        Assert.True(written.Ok, written.Message);

        await using var page = await browser.NewPageAsync(width, 900);
        await page.Page.GotoAsync(new Uri(path).AbsoluteUri, new Microsoft.Playwright.PageGotoOptions { Timeout = 60_000 });
        string value = await page.Page.EvaluateAsync<string>("() => JSON.stringify(" + probe + ")");
        using var parsed = JsonDocument.Parse(value);
        return new Loaded(parsed.RootElement.Clone(), page.Problems, page.Requests);
    }
}
