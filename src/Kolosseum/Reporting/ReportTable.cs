using System.Collections.Immutable;

namespace Kolosseum.Reporting;

public enum ColumnAlign
{
    /// <summary>Right for numeric cells, left for text.</summary>
    Auto,
    Left,
    Right,
}

/// <summary>A column header and the unit its numbers are in, shown as "Step time (s)".</summary>
public sealed record TableColumn(string Header, string? Unit = null)
{
    public ColumnAlign Align { get; init; } = ColumnAlign.Auto;
}

/// <summary>A table of values; each row holds one cell per column (missing cells print empty).</summary>
public sealed record ReportTable(string Caption, ImmutableArray<TableColumn> Columns, ImmutableArray<ImmutableArray<ReportValue>> Rows);
