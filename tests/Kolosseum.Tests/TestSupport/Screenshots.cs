using Kolosseum.Reporting.Output;
using Microsoft.Playwright;

namespace Kolosseum.Tests.TestSupport;

/// <summary>A PNG of a page as headless Chromium renders it, for the pictures in docs/.</summary>
internal static class Screenshots
{
    /// <summary>
    /// Loads <paramref name="url"/> in a tab of <paramref name="width"/>×<paramref name="height"/> CSS pixels, lets
    /// <paramref name="prepare"/> act on it (type, click, wait), and writes the viewport to <paramref name="pngPath"/>
    /// atomically. Returns what the page reported as problems while it loaded; a clean page reports none.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CaptureAsync(BrowserFixture browser, Uri url, string pngPath, int width, int height,
        Func<IPage, Task>? prepare = null, Func<Uri, bool>? allow = null)
    {
        await using var page = await browser.NewPageAsync(width, height, allow);
        await page.Page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        if (prepare is not null) await prepare(page.Page);
        byte[] png = await page.Page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, FullPage = false, Timeout = 60_000 });
        var written = ReportFile.WriteAtomically(pngPath, png, createParents: true);
        Assert.True(written.Ok, pngPath + " " + written.Message);
        return page.Problems;
    }
}
