using Kolosseum.Diagnostics;

namespace Kolosseum.Yaml;

/// <summary>
/// A YAML node with the place it was written. Our own small tree (rather than YamlDotNet's
/// representation model) so that aliases are never copied, sizes are bounded and every value keeps
/// its line and column for diagnostics.
/// </summary>
public abstract class YNode
{
    protected YNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }

    /// <summary>Nodes this one stands for once aliases are expanded (itself included).</summary>
    public long ExpandedSize { get; internal set; } = 1;

    public abstract string KindName { get; }
}

public sealed class YScalar : YNode
{
    public YScalar(string value, bool isPlain, SourceLocation location) : base(location)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    /// <summary>Unquoted: only plain scalars can be null, booleans or numbers.</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");

    public override string KindName => IsNull ? "nothing" : "a value";
}

public sealed record YEntry(YScalar Key, YNode Value);

public sealed class YMapping : YNode
{
    public YMapping(IReadOnlyList<YEntry> entries, SourceLocation location) : base(location) => Entries = entries;

    public IReadOnlyList<YEntry> Entries { get; }

    public override string KindName => "a mapping";

    public YNode? Get(string key)
    {
        foreach (var e in Entries)
            if (e.Key.Value == key) return e.Value;
        return null;
    }
}

public sealed class YSequence : YNode
{
    public YSequence(IReadOnlyList<YNode> items, SourceLocation location) : base(location) => Items = items;

    public IReadOnlyList<YNode> Items { get; }

    public override string KindName => "a list";
}
