namespace Kolosseum.Reliability;

/// <summary>Kinds of events in a trial's timeline.</summary>
public enum TimelineEventKind
{
    Start,
    Resume,
    Failure,
    PlannedStop,
    WaitForSpare,
    Finish,
    WindowEnd,
    GiveUp,
}

/// <summary>One event of one trial, for the report's timeline.</summary>
/// <param name="At">Wall-clock time since the start of the run.</param>
/// <param name="Cause">Failure cause key (failures and planned stops).</param>
/// <param name="LostWork">Compute time thrown away by a failure (work since the last durable checkpoint).</param>
/// <param name="Nodes">Nodes the job holds after the event.</param>
/// <param name="Slowdown">Straggler slowdown of the segment that starts (resume events).</param>
public sealed record TimelineEvent(Units.Duration At, TimelineEventKind Kind, string? Cause, Units.Duration? LostWork, long Nodes, double? Slowdown);
