using Kolosseum.Cli.Serve;
using Kolosseum.Tests.Planning;
using Kolosseum.Tests.TestSupport;
using Microsoft.Playwright;

namespace Kolosseum.Tests.Serve;

/// <summary>
/// The what-if page in headless Chromium (Playwright), served in-process on a free 127.0.0.1 port. Every request
/// the tab makes is routed: any that does not go to this server is aborted and recorded, so "nothing left this
/// machine" is checked, not assumed. Without Chromium these are skipped, unless KOLOSSEUM_REQUIRE_BROWSER=1.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ServePageBrowserTests(BrowserFixture browser, ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const int Timeout = 180_000;

    private const string Charts = "() => [...document.querySelectorAll('#result figure.chart svg')].map(s => s.outerHTML)";

    private bool OnThisServer(Uri uri) => uri.Scheme == "http" && uri.Host == "127.0.0.1" && uri.Port == serve.Host.Url.Port;

    [BrowserFact]
    public async Task Moving_an_input_replans_the_answer_and_the_charts_with_no_error_and_no_request_elsewhere()
    {
        await using var tab = await browser.NewPageAsync(1400, 1000, OnThisServer);
        var page = tab.Page;
        await page.GotoAsync(serve.Host.Url.AbsoluteUri, new PageGotoOptions { Timeout = Timeout });
        await Planned(page, 1);
        string before = (await page.TextContentAsync("#result .answer p"))!;
        var chartsBefore = await page.EvaluateAsync<string[]>(Charts);
        Assert.Equal("128", await page.InputValueAsync("#gpus-1"));
        Assert.Contains("Owning 128 NVIDIA H100", before, StringComparison.Ordinal);
        Assert.True(chartsBefore.Length >= 8, chartsBefore.Length + " charts");

        // The owned option shrinks to 32 GPUs: typing fires the input event, the page replans after a short pause.
        await page.FillAsync("#gpus-1", "32");
        await Planned(page, 2);
        string after = (await page.TextContentAsync("#result .answer p"))!;
        var chartsAfter = await page.EvaluateAsync<string[]>(Charts);

        Assert.Contains("Owning 32 NVIDIA H100", after, StringComparison.Ordinal);
        Assert.NotEqual(before, after);
        Assert.Equal(chartsBefore.Length, chartsAfter.Length);
        Assert.Contains(chartsBefore.Zip(chartsAfter), pair => pair.First != pair.Second);
        Assert.Equal("32", await page.InputValueAsync("#gpus-1"));
        Assert.Contains("planned in", await page.TextContentAsync("#status"), StringComparison.Ordinal);

        Assert.True(tab.Problems.Count == 0, string.Join("\n", tab.Problems));
        Assert.Empty(tab.Refused);
        Assert.NotEmpty(tab.Requests);
        Assert.All(tab.Requests, url => Assert.StartsWith(serve.Host.Url.AbsoluteUri, url, StringComparison.Ordinal));
        // The page's own script is the only one; the report markup it inserted holds none.
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.scripts.length"));
    }

    [BrowserFact]
    public async Task A_pasted_scenario_with_hostile_names_is_planned_and_shown_as_text()
    {
        await using var tab = await browser.NewPageAsync(1400, 1000, OnThisServer);
        var page = tab.Page;
        await page.GotoAsync(serve.Host.Url.AbsoluteUri, new PageGotoOptions { Timeout = Timeout });
        await Planned(page, 1);

        await page.ClickAsync("#scenario summary");
        await page.FillAsync("#scenario-text", PlanFixtures.HostileYaml);
        await page.ClickAsync("#scenario-plan");
        await Planned(page, 2);

        Assert.StartsWith(PlanFixtures.Script + " \"quoted\" 'single' </style>", await page.TextContentAsync("#title"), StringComparison.Ordinal);
        Assert.Equal(PlanFixtures.Script, await page.TextContentAsync("#inputs fieldset legend"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.images.length"));
        Assert.True(tab.Problems.Count == 0, string.Join("\n", tab.Problems));
        Assert.Empty(tab.Refused);

        // A broken paste shows the located diagnostics and plans nothing.
        await page.FillAsync("#scenario-text", "name: broken\nmodel: no-such-model\n");
        await page.ClickAsync("#scenario-plan");
        await page.WaitForSelectorAsync("#problems:not([hidden])", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("pasted.yaml:2:8: error KOL008", await page.TextContentAsync("#problem-list"), StringComparison.Ordinal);
        Assert.Equal("2", await page.EvaluateAsync<string>("() => document.body.dataset.planned"));
    }

    [BrowserFact]
    public async Task The_request_filter_refuses_and_records_anything_off_this_server()
    {
        // The check above can fail: a navigation to another loopback address (no server there) is aborted in the
        // browser by the route, recorded as refused, and reported as a failed request.
        await using var tab = await browser.NewPageAsync(800, 600, OnThisServer);
        await Assert.ThrowsAnyAsync<PlaywrightException>(() => tab.Page.GotoAsync("http://127.0.0.2:9/elsewhere", new PageGotoOptions { Timeout = 30_000 }));
        Assert.Equal(["http://127.0.0.2:9/elsewhere"], tab.Refused);
        Assert.Contains(tab.Problems, p => p.Contains("127.0.0.2", StringComparison.Ordinal));
    }

    /// <summary>
    /// Regenerates docs/serve.png: the default scenario served as <c>kolosseum serve</c> serves it, after one what-if
    /// (the owned option cut to 86,624 GPUs, the most the default plan says its 150 MW site powers). Opt-in with KOLOSSEUM_DOCS_SCREENSHOT=1.
    /// </summary>
    [DocsScreenshotFact]
    [Trait("Category", "Long")]
    public async Task Serve_page_screenshot_for_the_docs()
    {
        await using var host = await ServeHost.StartAsync(null, 0);
        bool local(Uri uri) => uri.Host == "127.0.0.1" && uri.Port == host.Url.Port;
        string png = Path.Combine(Approvals.RepositoryRoot(), "docs", "serve.png");
        var problems = await Screenshots.CaptureAsync(browser, host.Url, png, 1400, 1500, async page =>
        {
            await Planned(page, 1, 600_000);
            await page.FillAsync("#gpus-1", "86624");
            await Planned(page, 2, 600_000);
        }, local);
        Assert.Empty(problems);
        Assert.InRange(new FileInfo(png).Length, 10_000, 3_000_000);
    }

    private static Task Planned(IPage page, int count, int timeout = Timeout) =>
        page.WaitForFunctionAsync("n => document.body.dataset.planned === String(n)", count, new PageWaitForFunctionOptions { Timeout = timeout, PollingInterval = 50 });
}
