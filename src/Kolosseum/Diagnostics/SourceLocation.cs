namespace Kolosseum.Diagnostics;

/// <summary>A place in an input: a file (or a flag such as <c>--gpus</c>), 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation ForFlag(string flag) => new(flag, 0, 0);

    public bool HasPosition => Line > 0;

    public override string ToString() => HasPosition ? $"{File}:{Line}:{Column}" : File;
}
