using System.Text.Json;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Output;
using Kolosseum.Tests.Reporting;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The default plan's report in headless Chromium: every chart laid out and drew shapes, the page logged
/// no problem, ran no script and requested nothing but itself; a report of hostile names ran nothing.
/// Without Chromium these are skipped, unless KOLOSSEUM_REQUIRE_BROWSER=1 makes them fail.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PlanReportBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string Probe = """
        () => JSON.stringify({
          charts: [...document.querySelectorAll('figure.chart')].map(f => {
            const svg = f.querySelector('svg');
            if (!svg) return { id: f.id, title: f.querySelector('.chart-title').textContent, svg: false };
            const r = svg.getBoundingClientRect(), b = svg.getBBox();
            return { id: f.id, title: f.querySelector('.chart-title').textContent, svg: true, width: r.width, height: r.height,
                     boxWidth: b.width, boxHeight: b.height, shapes: svg.querySelectorAll('rect,path,line,circle').length };
          }),
          empty: document.querySelectorAll('.chart-empty').length,
          scripts: document.scripts.length,
          images: document.images.length,
          heading: document.querySelector('h1').textContent
        })
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kolosseum-plan-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [BrowserFact]
    public async Task Default_plan_report_draws_every_chart_without_errors_scripts_or_requests()
    {
        var planned = PlanFixtures.Default;
        int expected = planned.Document.Sections.Sum(s => s.Blocks.Count(b => b is ChartBlock));
        var (probe, problems, requests) = await LoadAsync(planned.Html);

        var charts = probe.GetProperty("charts").EnumerateArray().ToArray();
        Assert.Equal(expected, charts.Length);
        Assert.Equal(0, probe.GetProperty("empty").GetInt32());
        foreach (var chart in charts)
        {
            string title = chart.GetProperty("title").GetString()!;
            Assert.True(chart.GetProperty("svg").GetBoolean(), title + " has no SVG");
            Assert.True(chart.GetProperty("width").GetDouble() > 300, title + " laid out narrower than 300 px");
            Assert.True(chart.GetProperty("height").GetDouble() > 60, title + " laid out lower than 60 px");
            Assert.True(chart.GetProperty("boxWidth").GetDouble() > 100 && chart.GetProperty("boxHeight").GetDouble() > 20, title + " draws (almost) nothing");
            Assert.True(chart.GetProperty("shapes").GetInt32() >= 5, title + " holds fewer than 5 shapes");
        }
        Assert.Equal(0, probe.GetProperty("scripts").GetInt32());
        Assert.Equal(planned.Plan.Scenario.Name, probe.GetProperty("heading").GetString());
        Assert.Empty(problems);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Hostile_names_stay_text_and_run_nothing()
    {
        var (probe, problems, requests) = await LoadAsync(PlanFixtures.Hostile.Html);
        // No script element and no image exist, so nothing could have run; the title is shown as the text it is.
        Assert.Equal(0, probe.GetProperty("scripts").GetInt32());
        Assert.Equal(0, probe.GetProperty("images").GetInt32());
        Assert.StartsWith(PlanFixtures.Script + " \"quoted\" 'single' </style>", probe.GetProperty("heading").GetString(), StringComparison.Ordinal);
        Assert.Empty(problems);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
    }

    /// <summary>
    /// Regenerates docs/report.png from the default scenario's real report, as <c>kolosseum plan --report</c> writes it
    /// (opt-in with KOLOSSEUM_DOCS_SCREENSHOT=1: it writes into the repository and plans with the scenario's full trial count).
    /// </summary>
    [DocsScreenshotFact]
    [Trait("Category", "Long")]
    public async Task Plan_report_screenshot_for_the_docs()
    {
        var plan = Kolosseum.Planning.Planner.Run(Kolosseum.Scenarios.ScenarioLoader.Default());
        string html = Path.Combine(_folder, "plan.html");
        Assert.True(ReportFile.WriteAtomically(html, Kolosseum.Reporting.Html.HtmlReportWriter.Write(Kolosseum.Planning.PlanReport.Build(plan)), createParents: true).Ok);
        string png = Path.Combine(Approvals.RepositoryRoot(), "docs", "report.png");
        Assert.Empty(await Screenshots.CaptureAsync(browser, new Uri(html), png, 1280, 2600));
        Assert.InRange(new FileInfo(png).Length, 10_000, 1_500_000);
    }

    private async Task<(JsonElement Probe, IReadOnlyList<string> Problems, IReadOnlyList<string> Requests)> LoadAsync(string html)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".html");
        var written = ReportFile.WriteAtomically(path, html, createParents: true);
        Assert.True(written.Ok, written.Message);
        await using var page = await browser.NewPageAsync(1280, 900);
        await page.Page.GotoAsync(new Uri(path).AbsoluteUri, new Microsoft.Playwright.PageGotoOptions { Timeout = 90_000 });
        string value = await page.Page.EvaluateAsync<string>(Probe);
        using var parsed = JsonDocument.Parse(value);
        return (parsed.RootElement.Clone(), page.Problems, page.Requests);
    }
}
