using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>One point of a power time series: seconds from the start, IT power, and what is happening.</summary>
public sealed record TracePoint(double Seconds, Watts It, string Phase);

/// <summary>
/// A short, deterministic picture of a synchronous job's IT power: job start, steps (compute and communication),
/// a checkpoint pause, more steps, a failure with its restart, recovery and the job's end. Transitions take the
/// GPU's power transition time; a job start ramps at the grid limit, as a controlled ramp-up would.
/// </summary>
public static class PowerTrace
{
    public const int StepsBetweenEvents = 4;

    public static IReadOnlyList<TracePoint> Build(PowerProfile power, RunProfile run, Duration? gpuTransition, Watts gridRampPerMinute)
    {
        var idle = power.It(PowerState.Idle);
        var compute = power.It(PowerState.Compute);
        var comm = power.It(PowerState.Communication);
        var stalled = power.It(PowerState.Stalled);
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
