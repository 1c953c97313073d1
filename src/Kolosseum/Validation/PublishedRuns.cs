namespace Kolosseum.Validation;

/// <summary>
/// The published runs shipped with the tool (Validation/data/runs.csv, schema in Validation/data/README.md):
/// what <c>validate</c> and <c>calibrate</c> read when no file is given, so they work on any machine.
/// </summary>
public static class PublishedRuns
{
    /// <summary>The name diagnostics and outputs give the embedded file.</summary>
    public const string Name = "runs.csv (embedded)";

    /// <summary>Where the file lives in the repository, for help texts and docs.</summary>
    public const string RepositoryPath = "src/Kolosseum/Validation/data/runs.csv";

    /// <summary>Where its schema lives in the repository.</summary>
    public const string SchemaPath = "src/Kolosseum/Validation/data/README.md";

    private static readonly Lazy<string> EmbeddedText = new(() =>
    {
        using var stream = typeof(PublishedRuns).Assembly.GetManifestResourceStream("Kolosseum.Validation.data.runs.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The embedded CSV text.</summary>
    public static string Text => EmbeddedText.Value;
}
