using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>A stand-in run, or why none exists (at this scale the stand-in failure model predicts no progress).</summary>
public sealed record StandInResult(RunProfile? Run, double Ettr, Duration JobMeanTimeBetweenInterruptions, Duration CheckpointInterval, string? Problem);

/// <summary>
/// Builds a <see cref="RunProfile"/> from the catalog's stand-in figures when a command runs without the plan:
/// step phases from MFU, and a first-order ETTR from the interruption rate with Young's checkpoint interval.
/// </summary>
public static class StandInRun
{
    /// <summary>Productive time of a training run at the stand-in MFU: total FLOPs / (GPUs x dense peak x MFU).</summary>
    public static Duration ProductiveTime(RunAssumptions a, GpuSpec gpu, long gpus, Flops total, Precision precision) =>
        total / (gpu.Peak(precision) * (gpus * a.Mfu));

    /// <summary>
    /// Job interruptions arrive every M = 1 / (N r); Young's interval is tau = sqrt(2 C M) for a checkpoint pause C;
    /// to first order ETTR = 1 - C/tau - (tau/2 + R)/M with restart time R (docs/power.md).
    /// </summary>
    public static StandInResult Estimate(RunAssumptions a, GpuSpec gpu, long gpus, Duration productive)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "a cluster needs at least one GPU");
        double rate = a.InterruptionsPerGpuHour * gpus / Duration.SecondsPerHour;
        double m = rate > 0 ? 1 / rate : double.PositiveInfinity;
        double c = a.CheckpointPause.Seconds;
        double tau = double.IsInfinity(m) ? Math.Max(a.StepTime.Seconds, 3600) : Math.Max(a.StepTime.Seconds, Math.Sqrt(2 * c * m));
        double ettr = double.IsInfinity(m) ? 1 - c / tau : 1 - c / tau - (tau / 2 + a.RestartTime.Seconds) / m;
        var phases = StepPhases.FromMfu(a.Mfu, gpu.Efficiency.Matmul);
        if (!(ettr > 0.01))
            return new StandInResult(null, ettr, new Duration(m), new Duration(tau),
                $"at {gpus.Inv()} GPUs an interruption arrives every {new Duration(m)}: with a {a.RestartTime} restart the stand-in model predicts no progress");
        var run = new RunProfile(phases, a.StepTime, productive, ettr, new Duration(tau), a.CheckpointPause, a.RestartTime);
        return new StandInResult(run, ettr, new Duration(m), new Duration(tau), null);
    }
}
