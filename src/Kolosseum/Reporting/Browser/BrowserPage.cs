using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kolosseum.Reporting.Browser;

/// <summary>Something the page reported: a console call, an uncaught exception, or a browser log entry (CSP, failed load).</summary>
public sealed record BrowserMessage(string Source, string Level, string Text)
{
    /// <summary>Errors and warnings; info and debug chatter is not a problem with the page.</summary>
    public bool IsProblem => Level is "error" or "warning" or "assert";

    public override string ToString() => Source + " " + Level + ": " + Text;
}

/// <summary>
/// One loaded tab: what it logged and requested while loading, script evaluation for checks, and
/// screenshots. Everything the page reports is recorded from before navigation starts.
/// </summary>
public sealed class BrowserPage
{
    private readonly DevToolsConnection _devTools;
    private readonly string _session;
    private readonly string _targetId;
    private readonly List<BrowserMessage> _messages = [];
    private readonly List<string> _requests = [];
    // Load events keyed by the navigation's loader id: the blank tab's own load can fire while the
    // report's navigation starts, and must not be taken for the report's.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _loads = new(StringComparer.Ordinal);

    internal BrowserPage(DevToolsConnection devTools, string session, string targetId)
    {
        _devTools = devTools;
        _session = session;
        _targetId = targetId;
    }

    public IReadOnlyList<BrowserMessage> Messages
    {
        get { lock (_messages) return _messages.ToArray(); }
    }

    /// <summary>Every URL the page asked for, the page itself included.</summary>
    public IReadOnlyList<string> RequestedUrls
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    internal async Task LoadAsync(Uri url, int width, int height, CancellationToken ct)
    {
        _devTools.OnEvent += OnEvent;
        foreach (string domain in new[] { "Page", "Runtime", "Log", "Network" })
            await Send(domain + ".enable", null, ct).ConfigureAwait(false);
        await Send("Page.setLifecycleEventsEnabled", new JsonObject { ["enabled"] = true }, ct).ConfigureAwait(false);
        await SetViewportAsync(width, height, ct).ConfigureAwait(false);
        var navigation = await Send("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }, ct).ConfigureAwait(false);
        if (navigation.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
            throw new BrowserException("could not open " + url + ": " + text);
        string loader = navigation.TryGetProperty("loaderId", out var id) ? id.GetString() ?? "" : "";
        await Load(loader).Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, ct).ConfigureAwait(false);
        if (result.TryGetProperty("exceptionDetails", out var details))
            throw new BrowserException("evaluation failed: " + details.GetRawText());
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>A PNG of the viewport, or of the whole page (up to <paramref name="maxHeight"/> CSS pixels) when <paramref name="fullPage"/>.</summary>
    public async Task<byte[]> CaptureScreenshotAsync(int width, int height, bool fullPage, int maxHeight, CancellationToken ct)
    {
        if (fullPage)
        {
            var metrics = await Send("Page.getLayoutMetrics", null, ct).ConfigureAwait(false);
            double content = metrics.GetProperty("cssContentSize").GetProperty("height").GetDouble();
            height = (int)Math.Clamp(Math.Ceiling(content), 1, maxHeight);
        }
        await SetViewportAsync(width, height, ct).ConfigureAwait(false);
        var shot = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = false }, ct).ConfigureAwait(false);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Closes the tab; the page's records stay readable.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        _devTools.OnEvent -= OnEvent;
        await _devTools.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = _targetId }, null, ct).ConfigureAwait(false);
    }

    private Task SetViewportAsync(int width, int height, CancellationToken ct) =>
        Send("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, ct);

    private Task<JsonElement> Send(string method, JsonObject? parameters, CancellationToken ct) => _devTools.SendAsync(method, parameters, _session, ct);

    private void OnEvent(string method, JsonElement p, string? session)
    {
        if (session != _session) return;
        switch (method)
        {
            case "Page.lifecycleEvent" when p.GetProperty("name").GetString() == "load":
                Load(p.GetProperty("loaderId").GetString() ?? "").TrySetResult();
                break;
            case "Runtime.consoleAPICalled":
                string args = p.TryGetProperty("args", out var a) ? string.Join(" ", a.EnumerateArray().Select(ArgText)) : "";
                Add(new BrowserMessage("console", Level(p.GetProperty("type").GetString()), args));
                break;
            case "Runtime.exceptionThrown":
                var details = p.GetProperty("exceptionDetails");
                string text = details.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d) ? d.GetString() ?? "" : details.GetProperty("text").GetString() ?? "";
                Add(new BrowserMessage("exception", "error", text));
                break;
            case "Log.entryAdded":
                var entry = p.GetProperty("entry");
                Add(new BrowserMessage(entry.GetProperty("source").GetString() ?? "log", entry.GetProperty("level").GetString() ?? "info", entry.GetProperty("text").GetString() ?? ""));
                break;
            case "Network.requestWillBeSent":
                lock (_requests) _requests.Add(p.GetProperty("request").GetProperty("url").GetString() ?? "");
                break;
        }
    }

    private TaskCompletionSource Load(string loaderId) =>
        _loads.GetOrAdd(loaderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Add(BrowserMessage message)
    {
        lock (_messages) _messages.Add(message);
    }

    // console.error maps to "error", console.warn to "warning"; the rest are not problems.
    private static string Level(string? consoleType) => consoleType switch
    {
        "error" or "assert" => "error",
        "warning" => "warning",
        _ => consoleType ?? "log",
    };

    private static string ArgText(JsonElement arg) =>
        arg.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText())
        : arg.TryGetProperty("description", out var d) ? d.GetString() ?? "" : arg.GetProperty("type").GetString() ?? "";
}
