namespace Kolosseum.Tests.TestSupport;

/// <summary>
/// A test that regenerates a picture in docs/. It writes into the repository, so it runs only when
/// KOLOSSEUM_DOCS_SCREENSHOT=1 is set: a --filter on the command line replaces the project's
/// Category!=Long default, and a filtered run must not rewrite the docs by accident.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocsScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "KOLOSSEUM_DOCS_SCREENSHOT";

    public DocsScreenshotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = "writes docs/*.png; set " + Variable + "=1 to regenerate it";
    }
}
