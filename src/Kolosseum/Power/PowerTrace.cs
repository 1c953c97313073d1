using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>One point of a power time series: seconds from the start, IT power, and what is happening.</summary>
public sealed record TracePoint(double Seconds, Watts It, string Phase);

/// <summary>
/// A short, deterministic picture of a synchronous job's IT power: job start, steps (compute and communication),
/// a checkpoint pause, more steps, a failure with its restart, recovery and the job's end. Transitions take the
/// GPU's power transition time; a job start ramps at the grid limit, as a controlled ramp-up would.
/// GPUs that do not train (hot spares, GPUs a layout leaves out) add a steady draw under the whole trace, so the
/// trace swings by exactly the step swing of the GPUs that train.
/// </summary>
public static class PowerTrace
{
    public const int StepsBetweenEvents = 4;

    /// <param name="power">The profile of the GPUs that follow the step.</param>
    /// <param name="steady">The draw of everything else that is powered but does not train (zero when every GPU trains).</param>
    public static IReadOnlyList<TracePoint> Build(PowerProfile power, RunProfile run, Duration? gpuTransition, Watts gridRampPerMinute, Watts steady = default)
    {
        var idle = power.It(PowerState.Idle) + steady;
        var compute = power.It(PowerState.Compute) + steady;
        var comm = power.It(PowerState.Communication) + steady;
        var stalled = power.It(PowerState.Stalled) + steady;
        double edge = Math.Min(gpuTransition?.Seconds ?? 0, run.StepTime.Seconds / 10);
        var points = new List<TracePoint>();
        double t = 0;

        void Level(Watts w, double length, string phase)
        {
            if (points.Count > 0 && edge > 0) t += edge;
            points.Add(new TracePoint(t, w, phase));
            t += Math.Max(0, length - edge);
            points.Add(new TracePoint(t, w, phase));
        }
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                Level(compute, run.StepTime.Seconds * run.Phases.Compute, "compute");
                Level(comm, run.StepTime.Seconds * (run.Phases.Communication + run.Phases.Stalled), "communication");
            }
        }

        Level(idle, run.StepTime.Seconds, "idle");
        double rampUp = (compute - idle).Value / (gridRampPerMinute.Value / 60);
        t += rampUp;
        Steps(StepsBetweenEvents);
        Level(stalled, run.CheckpointPause.Seconds, "checkpoint");
        Steps(StepsBetweenEvents);
        Level(stalled, run.RestartTime.Seconds, "restart");
        Steps(StepsBetweenEvents);
        Level(idle, run.StepTime.Seconds, "idle");
        return points;
    }
}
