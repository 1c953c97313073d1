namespace Kolosseum.Tests.TestSupport;

/// <summary>
/// A fact that needs headless Chromium. Without a browser it is reported as skipped, with the
/// reason, unless KOLOSSEUM_REQUIRE_BROWSER=1 is set (as CI does where it installed Chromium): then
/// it runs and fails, so a missing browser can never turn the rendering check silently green.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public const string RequireVariable = "KOLOSSEUM_REQUIRE_BROWSER";

    public BrowserFactAttribute()
    {
        if (ChromiumExecutable.Find() is null && !BrowserRequired)
            Skip = "no Chromium found (install the Debian package 'chromium' or set " + ChromiumExecutable.Variable +
                   "); set " + RequireVariable + "=1 to make this a failure instead of a skip";
    }

    public static bool BrowserRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";
}
