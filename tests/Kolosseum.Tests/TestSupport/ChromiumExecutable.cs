namespace Kolosseum.Tests.TestSupport;

/// <summary>Where the system's Chromium is: the Debian package <c>chromium</c> (/usr/bin/chromium) or a browser named by <see cref="Variable"/>.</summary>
internal static class ChromiumExecutable
{
    /// <summary>Environment variable naming the browser executable, ahead of the PATH search.</summary>
    public const string Variable = "KOLOSSEUM_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary><see cref="Variable"/> if set, else the first of chromium, chromium-browser, google-chrome on PATH; null when none.</summary>
    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable(Variable);
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
}
