using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>Where the wall-clock time of a run goes, by what the GPUs are doing.</summary>
public sealed record RunTimeSplit(Duration Productive, Duration Checkpointing, Duration Rework, Duration Restart)
{
    public Duration WallClock => Productive + Checkpointing + Rework + Restart;

    /// <summary>GPUs busy at the step's average draw: useful steps and steps redone after a failure.</summary>
    public Duration Busy => Productive + Rework;

    /// <summary>GPUs powered but stalled: checkpoint writes and restarts.</summary>
    public Duration Stalled => Checkpointing + Restart;
}

/// <summary>
/// One training run as power and cost see it: the step (time and phases), the productive time (steps x step
/// time), the effective training time ratio (ETTR = productive / wall-clock) and the checkpoint and restart
/// figures that shape the lost time. The plan supplies these from the performance and reliability models.
/// </summary>
public sealed record RunProfile
{
    public RunProfile(StepPhases phases, Duration stepTime, Duration productive, double ettr, Duration checkpointInterval, Duration checkpointPause, Duration restartTime)
    {
        if (!(stepTime.Seconds > 0) || !double.IsFinite(stepTime.Seconds)) throw new ArgumentOutOfRangeException(nameof(stepTime), "a step must take a finite, positive time");
        if (!(productive.Seconds >= 0) || !double.IsFinite(productive.Seconds)) throw new ArgumentOutOfRangeException(nameof(productive), "productive time must be finite and not negative");
        if (!(ettr > 0 && ettr <= 1)) throw new ArgumentOutOfRangeException(nameof(ettr), ettr, "ETTR must lie in (0, 1]");
        if (!(checkpointInterval.Seconds > 0) || !double.IsFinite(checkpointInterval.Seconds)) throw new ArgumentOutOfRangeException(nameof(checkpointInterval), "the checkpoint interval must be positive");
        if (!(checkpointPause.Seconds >= 0) || !(restartTime.Seconds >= 0)) throw new ArgumentOutOfRangeException(nameof(checkpointPause), "pauses cannot be negative");
        Phases = phases;
        StepTime = stepTime;
        Productive = productive;
        Ettr = ettr;
        CheckpointInterval = checkpointInterval;
        CheckpointPause = checkpointPause;
        RestartTime = restartTime;
    }

    public StepPhases Phases { get; }
    public Duration StepTime { get; }
    public Duration Productive { get; }
    public double Ettr { get; }
    public Duration CheckpointInterval { get; }
    public Duration CheckpointPause { get; }
    public Duration RestartTime { get; }

    /// <summary>Wall-clock time of the run: productive time / ETTR.</summary>
    public Duration WallClock => Productive / Ettr;

    /// <summary>
    /// Splits the lost time (wall-clock - productive). Checkpoint writes take pause/interval of the productive
    /// time; what is left is lost to failures, each of which costs on average half an interval of redone steps
    /// (GPUs busy) and one restart (GPUs stalled), so the rest divides in the ratio (interval/2) : restart.
    /// </summary>
    public RunTimeSplit Split()
    {
        double lost = WallClock.Seconds - Productive.Seconds;
        double checkpointing = Math.Min(lost, Productive.Seconds * CheckpointPause.Seconds / CheckpointInterval.Seconds);
        double failures = lost - checkpointing;
        double halfInterval = CheckpointInterval.Seconds / 2;
        double whole = halfInterval + RestartTime.Seconds;
        // Both parts from their own share, not one as the difference: with a restart of nanoseconds against an
        // interval of an hour, failures - rework would be all rounding error.
        double rework = whole > 0 ? failures * (halfInterval / whole) : failures;
        double restart = whole > 0 ? failures * (RestartTime.Seconds / whole) : 0;
        return new RunTimeSplit(Productive, new Duration(checkpointing), new Duration(rework), new Duration(restart));
    }
}
