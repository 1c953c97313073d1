using System.Collections.Immutable;
using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting;

/// <summary>One piece of a section. The set is closed: the writer renders each kind.</summary>
public abstract record ReportBlock;

/// <summary>Plain text; the writer escapes it, so it can never carry markup.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>Short facts: "Layout: TP 8, PP 16, DP 192".</summary>
public sealed record KeyValueBlock(ImmutableArray<KeyValue> Items) : ReportBlock;

public sealed record KeyValue(string Key, string Value)
{
    /// <summary>Where the value comes from (a catalog entry, a formula in docs/).</summary>
    public string? Source { get; init; }
}

public sealed record TableBlock(ReportTable Table) : ReportBlock;

public sealed record ChartBlock(Chart Chart) : ReportBlock;

/// <summary>A remark set apart from the text: a caveat, a limit of the model.</summary>
public sealed record NoteBlock(string Text) : ReportBlock;

/// <summary>Text shown as written, in a fixed-width font: the resolved scenario, a command.</summary>
public sealed record PreformattedBlock(string Text) : ReportBlock
{
    public string? Caption { get; init; }
}
