using Kolosseum.Reporting.Output;

namespace Kolosseum.Reporting.Browser;

/// <summary>Viewport and page length for a screenshot, in CSS pixels.</summary>
public sealed record ScreenshotOptions
{
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 2400;

    /// <summary>Capture the whole page (up to <see cref="MaxHeight"/>) instead of the first <see cref="Height"/> pixels.</summary>
    public bool FullPage { get; init; }

    public int MaxHeight { get; init; } = 16000;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>The outcome of a screenshot: written, or why not (no browser, browser failure, unwritable path).</summary>
public sealed record ScreenshotResult(bool Ok, string Message)
{
    /// <summary>What the page logged while loading; a report should log nothing.</summary>
    public IReadOnlyList<BrowserMessage> PageMessages { get; init; } = [];
}

/// <summary>A PNG picture of a report as headless Chromium renders it, e.g. for the README.</summary>
public static class ReportScreenshot
{
    /// <summary>Starts a headless Chromium, captures <paramref name="htmlPath"/> into <paramref name="pngPath"/> (written atomically) and closes the browser.</summary>
    public static async Task<ScreenshotResult> CaptureAsync(string htmlPath, string pngPath, ScreenshotOptions? options = null, bool createParents = false, CancellationToken ct = default)
    {
        options ??= new ScreenshotOptions();
        string? executable = HeadlessChromium.FindExecutable();
        if (executable is null)
            return new(false, "no Chromium found: install the 'chromium' package or set " + HeadlessChromium.ExecutableVariable);
        if (!File.Exists(htmlPath)) return new(false, htmlPath + ": no such file");

        using var timeout = Deadline(options, ct);
        try
        {
            await using var browser = await HeadlessChromium.LaunchAsync(executable, timeout.Token).ConfigureAwait(false);
            return await CaptureAsync(browser, htmlPath, pngPath, options, createParents, timeout.Token).ConfigureAwait(false);
        }
        catch (BrowserException ex)
        {
            return new(false, "the browser failed: " + ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return TimedOut(options);
        }
    }

    /// <summary>The same with a browser that is already running (several screenshots, one start).</summary>
    public static async Task<ScreenshotResult> CaptureAsync(HeadlessChromium browser, string htmlPath, string pngPath, ScreenshotOptions? options = null, bool createParents = false, CancellationToken ct = default)
    {
        options ??= new ScreenshotOptions();
        if (!File.Exists(htmlPath)) return new(false, htmlPath + ": no such file");
        using var timeout = Deadline(options, ct);
        byte[] png;
        IReadOnlyList<BrowserMessage> messages;
        try
        {
            var page = await browser.OpenAsync(new Uri(Path.GetFullPath(htmlPath)), options.Width, options.Height, timeout.Token).ConfigureAwait(false);
            png = await page.CaptureScreenshotAsync(options.Width, options.Height, options.FullPage, options.MaxHeight, timeout.Token).ConfigureAwait(false);
            messages = page.Messages;
            await page.CloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (BrowserException ex)
        {
            return new(false, "the browser failed: " + ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return TimedOut(options);
        }

        var written = ReportFile.WriteAtomically(pngPath, png, createParents);
        return written.Ok
            ? new(true, "written") { PageMessages = messages }
            : new(false, pngPath + " " + written.Message) { PageMessages = messages };
    }

    private static CancellationTokenSource Deadline(ScreenshotOptions options, CancellationToken ct)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        return timeout;
    }

    private static ScreenshotResult TimedOut(ScreenshotOptions options) =>
        new(false, "the browser did not finish within " + options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s");
}
