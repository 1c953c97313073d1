using Kolosseum.Economics;
using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>The energy of one training run at IT and facility level, its cost and its carbon.</summary>
public sealed record RunEnergy(RunTimeSplit Time, Joules It, Joules Facility, Usd Cost, CarbonMass Carbon)
{
    /// <summary>Average IT draw over the run's wall-clock time.</summary>
    public Watts AverageIt => It / Time.WallClock;

    public Watts AverageFacility => Facility / Time.WallClock;
}

/// <summary>A year of operation at a utilisation: busy at the run's average draw, idle otherwise.</summary>
public sealed record AnnualEnergy(double Utilisation, Watts AverageFacility, Joules Facility, Usd Cost, CarbonMass Carbon);

/// <summary>Energy = power x time, phase by phase; cost = energy x price; carbon = energy x intensity.</summary>
public static class EnergyUse
{
    public static RunEnergy ForRun(PowerProfile power, RunProfile run, EnergyPrice price, CarbonIntensity carbon)
    {
        var split = run.Split();
        var it = power.ItStepAverage * split.Busy + power.It(PowerState.Stalled) * split.Stalled;
        var facility = it * power.Pue;
        return new RunEnergy(split, it, facility, facility * price, facility * carbon);
    }

    /// <summary>
    /// Average IT draw of a run over its wall-clock time: busy at the step average for productive and redone steps,
    /// stalled during checkpoints and restarts. Depends only on the run's proportions, not its length.
    /// </summary>
    public static Watts AverageIt(PowerProfile power, RunProfile run)
    {
        var unit = run.Productive.Seconds > 0 ? run
            : new RunProfile(run.Phases, run.StepTime, Duration.FromDays(1), run.Ettr, run.CheckpointInterval, run.CheckpointPause, run.RestartTime);
        var split = unit.Split();
        return (power.ItStepAverage * split.Busy + power.It(PowerState.Stalled) * split.Stalled) / split.WallClock;
    }

    /// <param name="busyIt">IT draw while the cluster works (a run's average); <paramref name="utilisation"/> of the year.</param>
    public static AnnualEnergy PerYear(PowerProfile power, Watts busyIt, double utilisation, EnergyPrice price, CarbonIntensity carbon)
    {
        if (!(utilisation >= 0 && utilisation <= 1)) throw new ArgumentOutOfRangeException(nameof(utilisation), utilisation, "utilisation lies in [0, 1]");
        // Idle plus the busy excess: rounding keeps this monotone in the utilisation, which a weighted sum with 1 - u is not.
        var idleIt = power.It(PowerState.Idle);
        var averageIt = idleIt + (busyIt - idleIt) * utilisation;
        var facilityW = averageIt * power.Pue;
        var energy = facilityW * Duration.FromYears(1);
        return new AnnualEnergy(utilisation, facilityW, energy, energy * price, energy * carbon);
    }
}
