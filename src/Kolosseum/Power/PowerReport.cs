using Kolosseum.Economics;
using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>Everything the power model says about one cluster option.</summary>
public sealed record PowerReport
{
    public required ClusterInventory Inventory { get; init; }
    public required PowerProfile Profile { get; init; }
    public required RunProfile Run { get; init; }
    public required RunEnergy RunEnergy { get; init; }
    public required AnnualEnergy Year { get; init; }
    public required PowerSwing Swing { get; init; }
    public required IReadOnlyList<TracePoint> Trace { get; init; }

    /// <summary>Null when no site limit was given.</summary>
    public SiteFit? Site { get; init; }

    /// <summary>Battery sized by <see cref="PowerSwing"/>, priced per kWh of capacity.</summary>
    public required Usd BatteryCost { get; init; }
}

/// <summary>The power model's one entry point for a cluster option.</summary>
public static class PowerModel
{
    /// <param name="inventory">The cluster, counted (<see cref="ClusterInventory.Build"/>; network from the fabric design or approximated).</param>
    /// <param name="settings">The scenario's <c>power:</c> section.</param>
    /// <param name="run">The run: step phases and time from performance, ETTR and checkpoint/restart figures from reliability.</param>
    /// <param name="utilisation">Fraction of the year the cluster works (economics section), for the energy per year.</param>
    /// <param name="batteryPerKilowattHour">Installed battery price per kWh (capex assumptions).</param>
    /// <param name="trainingGpus">
    /// GPUs that follow the step (null: all of them). Hot spares and GPUs a layout leaves out sit at a steady draw, so the
    /// step swing and the battery that rides it count only the GPUs that train.
    /// </param>
    public static PowerReport Evaluate(ClusterInventory inventory, PowerSettings settings, RunProfile run, double utilisation, double batteryPerKilowattHour,
        long? trainingGpus = null)
    {
        var profile = ClusterPower.Compute(inventory, settings.Pue, run.Phases);
        var swinging = trainingGpus is { } t && t < inventory.Gpus ? ClusterPower.Compute(inventory.WithGpus(t), settings.Pue, run.Phases) : profile;
        var energy = EnergyUse.ForRun(profile, run, settings.ElectricityPrice, settings.Carbon);
        var year = EnergyUse.PerYear(profile, EnergyUse.AverageIt(profile, run), utilisation, settings.ElectricityPrice, settings.Carbon);
        var swing = PowerSwing.Compute(swinging, run, settings.GridRampPerMinute, inventory.Gpu.PowerTransition);
        // The GPUs left out sit idle: the trace rides on their steady draw and swings as the training GPUs do.
        var trace = PowerTrace.Build(swinging, run, inventory.Gpu.PowerTransition, settings.GridRampPerMinute,
            steady: profile.It(PowerState.Idle) - swinging.It(PowerState.Idle));
        var site = settings.SiteLimit is { } limit ? SiteFit.Check(inventory, settings.Pue, run.Phases, limit) : null;
        return new PowerReport
        {
            Inventory = inventory, Profile = profile, Run = run, RunEnergy = energy, Year = year, Swing = swing, Trace = trace, Site = site,
            BatteryCost = new Usd(swing.BatteryEnergy.KilowattHours * batteryPerKilowattHour),
        };
    }
}
