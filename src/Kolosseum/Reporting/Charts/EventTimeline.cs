using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

/// <summary>An event at a time since the start, in a category such as the failure cause.</summary>
public readonly record struct TimelineEvent(double Time, string Category);

/// <summary>
/// Events over a run, one lane per category (failures by cause): when they happen and how densely.
/// Lanes are ordered by event count, largest first.
/// </summary>
public sealed record EventTimeline(string Title, AxisSpec TimeAxis, ImmutableArray<TimelineEvent> Events) : Chart(Title)
{
    /// <summary>The length of the run; when set the axis reaches it even if the last event is earlier, and a dashed line marks it.</summary>
    public double? End { get; init; }
}
