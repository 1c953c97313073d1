namespace Kolosseum.Yaml;

/// <summary>
/// Bounds on what a YAML input may cost to read. Scenario files come from other teams and vendors:
/// a "billion laughs" alias bomb, a 10,000-deep nesting or a gigabyte string is refused quickly.
/// </summary>
public sealed record YamlLimits
{
    public long MaxBytes { get; init; } = 4L * 1024 * 1024;
    public int MaxDepth { get; init; } = 64;
    public long MaxExpandedNodes { get; init; } = 200_000;
    public int MaxScalarLength { get; init; } = 16 * 1024;
    public int MaxSequenceLength { get; init; } = 10_000;
    public int MaxSyntaxRecoveries { get; init; } = 10;

    public static YamlLimits Default { get; } = new();

    /// <summary>The embedded catalog is ours and larger than any scenario.</summary>
    public static YamlLimits Catalog { get; } = new() { MaxBytes = 16L * 1024 * 1024, MaxExpandedNodes = 2_000_000 };
}
