using Kolosseum.Power;
using Kolosseum.Scenarios;

namespace Kolosseum.Economics;

/// <summary>Everything the cost model needs for one cluster option.</summary>
public sealed record CostInputs
{
    public required string Name { get; init; }
    public required Ownership Ownership { get; init; }

    /// <summary>The cluster, counted; network from the fabric design or approximated.</summary>
    public required ClusterInventory Inventory { get; init; }

    /// <summary>The training run: step phases, productive time, ETTR, checkpoint and restart figures.</summary>
    public required RunProfile Run { get; init; }
    public required PowerSettings Power { get; init; }
    public required EconomicsSettings Economics { get; init; }

    /// <summary>Price per GPU-hour to rent this option's GPUs; null when no price applies (then no rent comparison).</summary>
    public HourlyRate? RentPrice { get; init; }

    /// <summary>The price the run itself rents at when its term differs from <see cref="RentPrice"/>'s (which still prices the horizon); null: the same.</summary>
    public HourlyRate? RunRentPrice { get; init; }

    /// <summary>The least time the rent bills for (a commitment longer than the run, paid whole); null: the run's wall time.</summary>
    public Units.Duration? RentBilledAtLeast { get; init; }
}

/// <summary>Multipliers on the inputs the tornado table varies; all 1 for the base case.</summary>
public sealed record CostFactors
{
    public static CostFactors None { get; } = new();

    public double ServerPrice { get; init; } = 1;
    public double RentPrice { get; init; } = 1;
    public double EnergyPrice { get; init; } = 1;
    public double Utilisation { get; init; } = 1;
    public double HardwareLife { get; init; } = 1;
    public double CostOfCapital { get; init; } = 1;
    public double Pue { get; init; } = 1;
    public double FacilityCapex { get; init; } = 1;

    public CostFactors With(SensitivityInput input, double k) => input switch
    {
        SensitivityInput.ServerPrice => this with { ServerPrice = k },
        SensitivityInput.RentPrice => this with { RentPrice = k },
        SensitivityInput.EnergyPrice => this with { EnergyPrice = k },
        SensitivityInput.Utilisation => this with { Utilisation = k },
        SensitivityInput.HardwareLife => this with { HardwareLife = k },
        SensitivityInput.CostOfCapital => this with { CostOfCapital = k },
        SensitivityInput.Pue => this with { Pue = k },
        _ => this with { FacilityCapex = k },
    };
}
