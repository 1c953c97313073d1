using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kolosseum.Reporting.Browser;

/// <summary>
/// A headless Chromium started for one job, with a fresh profile folder, no background networking,
/// and the DevTools protocol on a loopback port the browser picks itself. Disposing closes the
/// browser, kills it (and only it) if it does not exit, and deletes the profile.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Environment variable naming the browser executable, ahead of the PATH search.</summary>
    public const string ExecutableVariable = "KOLOSSEUM_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly DevToolsConnection _devTools;
    private readonly OutputLines _output;

    private HeadlessChromium(Process process, string profile, DevToolsConnection devTools, OutputLines output)
    {
        _process = process;
        _profile = profile;
        _devTools = devTools;
        _output = output;
        // A host that exits without disposing (a test run cut short) must not leave a browser behind.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>The browser to use: <see cref="ExecutableVariable"/> if set, else the first of chromium, chromium-browser, google-chrome on PATH; null when none.</summary>
    public static string? FindExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in Names)
            foreach (string folder in folders)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    public static async Task<HeadlessChromium> LaunchAsync(string executable, CancellationToken ct)
    {
        string profile = Path.Combine(Path.GetTempPath(), "kolosseum-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                     "--hide-scrollbars", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                     "--user-data-dir=" + profile, "about:blank",
                 })
            start.ArgumentList.Add(arg);

        var output = new OutputLines();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BrowserException("could not start " + executable);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            TryDeleteFolder(profile);
            throw new BrowserException("could not start " + executable + ": " + ex.Message, ex);
        }
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            Uri endpoint = await WaitForEndpointAsync(process, profile, output, ct).ConfigureAwait(false);
            var devTools = await DevToolsConnection.ConnectAsync(endpoint, ct).ConfigureAwait(false);
            return new HeadlessChromium(process, profile, devTools, output);
        }
        catch
        {
            Stop(process);
            TryDeleteFolder(profile);
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new tab of the given viewport size and waits for its load event.</summary>
    public async Task<BrowserPage> OpenAsync(Uri url, int width, int height, CancellationToken ct)
    {
        var target = await _devTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, ct).ConfigureAwait(false);
        string targetId = target.GetProperty("targetId").GetString()!;
        var attached = await _devTools.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, ct).ConfigureAwait(false);
        string sessionId = attached.GetProperty("sessionId").GetString()!;
        var page = new BrowserPage(_devTools, sessionId, targetId);
        await page.LoadAsync(url, width, height, ct).ConfigureAwait(false);
        return page;
    }

    /// <summary>The browser's last lines of output, for error messages.</summary>
    public string OutputTail => _output.ToString();

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _devTools.SendAsync("Browser.close", null, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BrowserException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // Closing politely is best effort; the process is stopped below either way.
        }
        await _devTools.DisposeAsync().ConfigureAwait(false);
        Stop(_process);
        TryDeleteFolder(_profile);
    }

    // Chromium writes "port\n/devtools/browser/<id>" into DevToolsActivePort once it listens.
    private static async Task<Uri> WaitForEndpointAsync(Process process, string profile, OutputLines output, CancellationToken ct)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new BrowserException("the browser exited with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + " before it listened: " + output);
            if (File.Exists(file))
            {
                string[] lines;
                try
                {
                    lines = await File.ReadAllLinesAsync(file, ct).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    lines = [];
                }
                if (lines.Length >= 2 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && lines[1].StartsWith('/'))
                    return new Uri("ws://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + lines[1]);
            }
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.WaitForExit(3000)) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        process.Dispose();
    }

    private static void TryDeleteFolder(string folder)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A helper process may still hold a file for a moment after the browser exits.
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The last lines the browser printed, bounded.</summary>
    private sealed class OutputLines
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 20) _lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (_lines) return string.Join("\n", _lines);
        }
    }
}
