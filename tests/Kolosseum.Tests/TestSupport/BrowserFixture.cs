using Microsoft.Playwright;

namespace Kolosseum.Tests.TestSupport;

/// <summary>The browser tests share one headless Chromium, so they run one after another (two cores, other work beside them).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The system's Chromium (Debian package <c>chromium</c>) driven by Microsoft.Playwright: started on first
/// use (never, when every test is skipped) with a fresh profile folder, no background networking, no QUIC,
/// and closed, profile deleted, when the tests are done. <c>npx playwright install</c> is never needed:
/// Playwright launches the executable it is given.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The flags every launch uses: headless, no sandbox (containers run as root), no GPU, nothing that talks to the network by itself.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
    ];

    private readonly Lock _lock = new();
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "kolosseum-chromium-" + Guid.NewGuid().ToString("N"));
    private Task<(IPlaywright Playwright, IBrowserContext Context)>? _launch;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Task<(IPlaywright, IBrowserContext)>? launch;
        lock (_lock) launch = _launch;
        if (launch is { IsCompletedSuccessfully: true })
        {
            var (playwright, context) = launch.Result;
            await context.CloseAsync();
            playwright.Dispose();
        }
        for (int attempt = 0; attempt < 3 && Directory.Exists(_profile); attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A helper process may hold a file for a moment after the browser exits.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// Opens a new tab of the given size that records every console message, page error and request from
    /// before navigation; requests that <paramref name="allow"/> refuses are aborted (and recorded).
    /// </summary>
    public async Task<RecordedPage> NewPageAsync(int width, int height, Func<Uri, bool>? allow = null)
    {
        var (_, context) = await ContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return await RecordedPage.AttachAsync(page, allow);
    }

    private Task<(IPlaywright Playwright, IBrowserContext Context)> ContextAsync()
    {
        lock (_lock) return _launch ??= LaunchAsync();
    }

    private async Task<(IPlaywright, IBrowserContext)> LaunchAsync()
    {
        string executable = ChromiumExecutable.Find()
            ?? throw new InvalidOperationException(BrowserFactAttribute.RequireVariable + "=1 but no Chromium was found; install the Debian package 'chromium'");
        Directory.CreateDirectory(_profile);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Flags,
                ChromiumSandbox = false,
                Timeout = 60_000,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                ServiceWorkers = ServiceWorkerPolicy.Block,
            });
            return (playwright, context);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

/// <summary>A tab and what it did: console messages, uncaught errors, every request it made, and those it was refused.</summary>
public sealed class RecordedPage : IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _refused = [];

    private RecordedPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Console errors and warnings, uncaught exceptions and failed requests, as text.</summary>
    public IReadOnlyList<string> Problems
    {
        get { lock (_problems) return [.. _problems]; }
    }

    /// <summary>Every URL the tab asked for, the page itself included.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>Requests the filter aborted.</summary>
    public IReadOnlyList<string> Refused
    {
        get { lock (_refused) return [.. _refused]; }
    }

    internal static async Task<RecordedPage> AttachAsync(IPage page, Func<Uri, bool>? allow)
    {
        var recorded = new RecordedPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" or "assert") recorded.Problem("console " + message.Type + ": " + message.Text);
        };
        page.PageError += (_, error) => recorded.Problem("exception: " + error);
        page.Dialog += (_, dialog) =>
        {
            recorded.Problem("dialog: " + dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.RequestFailed += (_, request) => recorded.Problem("request failed: " + request.Url + " " + request.Failure);
        page.Request += (_, request) =>
        {
            lock (recorded._requests) recorded._requests.Add(request.Url);
        };
        if (allow is not null)
        {
            // Routing sees every request the page makes over the network (http, https, ws); a refused one never leaves the browser.
            await page.RouteAsync("**/*", async route =>
            {
                if (Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var uri) && allow(uri))
                {
                    await route.ContinueAsync();
                    return;
                }
                lock (recorded._refused) recorded._refused.Add(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            });
        }
        return recorded;
    }

    private void Problem(string text)
    {
        lock (_problems) _problems.Add(text);
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
