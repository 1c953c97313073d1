using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

/// <summary>
/// A phase of a build-out: a bar from its start to its P50 end and a whisker on to its P90 end.
/// Times are seconds since the project start.
/// </summary>
public sealed record GanttTask(string Name, double Start, double EndP50, double? EndP90 = null);

/// <summary>Phases over time with their risk, and markers such as "first training (P50)".</summary>
public sealed record GanttChart(string Title, AxisSpec TimeAxis, ImmutableArray<GanttTask> Tasks) : Chart(Title)
{
    public ImmutableArray<ChartMarker> Markers { get; init; } = [];
}
