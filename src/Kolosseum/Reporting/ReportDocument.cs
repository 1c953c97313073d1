using System.Collections.Immutable;

namespace Kolosseum.Reporting;

/// <summary>
/// Everything one HTML report shows, in reading order: the title, the answer in plain words, the
/// comparison table, the sections with their charts and tables, and the assumptions with sources.
/// The writer adds nothing that is not here (no clock, no machine name), so the same document always
/// gives the same bytes.
/// </summary>
public sealed record ReportDocument
{
    public required string Title { get; init; }

    /// <summary>One line under the title: the scenario, the seed, what was compared.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The one-paragraph answer a board reads first.</summary>
    public string? Answer { get; init; }

    public ComparisonTable? Comparison { get; init; }

    public ImmutableArray<ReportSection> Sections { get; init; } = [];

    /// <summary>Every assumption and where its number comes from; listed at the end.</summary>
    public ImmutableArray<Assumption> Assumptions { get; init; } = [];

    /// <summary>A last line such as the command that produced the report; never a timestamp.</summary>
    public string? Footer { get; init; }
}

/// <summary>A headed part of the report holding blocks in order.</summary>
public sealed record ReportSection(string Heading, ImmutableArray<ReportBlock> Blocks)
{
    /// <summary>A sentence under the heading saying what the section answers.</summary>
    public string? Lead { get; init; }
}

/// <summary>An assumption behind the numbers, with the source it comes from.</summary>
/// <param name="Source">A citation; shown as a link only when it is an absolute http(s) address.</param>
public sealed record Assumption(string Text, string? Source = null);
