using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>One recurring cost of ownership, per year, and how it is reached.</summary>
public sealed record AnnualCostLine(string Name, Usd PerYear, string Basis, bool IsCapitalCharge);

/// <summary>The cost of one training run on an owned cluster, by what it pays for.</summary>
public sealed record OwnedRunCost(Usd Capital, Usd Operations, Usd Energy, Usd IdleEnergy)
{
    public Usd Total => Capital + Operations + Energy + IdleEnergy;
}

/// <summary>Where owning and renting the same GPUs cost the same.</summary>
/// <param name="Utilisation">Utilisation above which owning is cheaper per useful GPU-hour; null: renting is cheaper even at 100%.</param>
/// <param name="Horizon">Discounted payback of the capex from what renting the same useful hours would cost; null: never.</param>
/// <param name="Price">Owned cost per useful GPU-hour at the scenario's utilisation: renting below it is cheaper.</param>
/// <param name="HorizonBeyondHardwareLife">True when the payback comes after the hardware's life (the servers would need replacing first).</param>
public sealed record BreakEven(double? Utilisation, Duration? Horizon, HourlyRate Price, bool HorizonBeyondHardwareLife);

/// <summary>What one cluster option costs: capex, yearly costs, one run, total cost of ownership and the break-even with renting.</summary>
public sealed record OptionCost
{
    public required string Name { get; init; }
    public required Ownership Ownership { get; init; }
    public required long Gpus { get; init; }
    public required CapexEstimate Capex { get; init; }
    public required IReadOnlyList<AnnualCostLine> FixedPerYear { get; init; }
    public required double Utilisation { get; init; }

    /// <summary>Energy cost of a year at <see cref="Utilisation"/>: busy at the run's average draw, idle otherwise.</summary>
    public required Usd EnergyPerYear { get; init; }
    public required Usd EnergyPerYearBusy { get; init; }
    public required Usd EnergyPerYearIdle { get; init; }
    public required RunEnergy RunEnergy { get; init; }
    public required Duration WallClock { get; init; }
    public required OwnedRunCost OwnedRun { get; init; }

    /// <summary>GPU-hours x price x (1 + rental overhead); null when no rent price applies.</summary>
    public Usd? RentedRun { get; init; }
    public HourlyRate? RentEffective { get; init; }

    public required HourlyRate OwnedPerUsefulGpuHour { get; init; }
    public required Duration Horizon { get; init; }

    /// <summary>(Yearly capital charges + opex) x horizon: includes the cost of capital.</summary>
    public required Usd OwnedTcoLevelised { get; init; }

    /// <summary>Capex + cash opex x horizon - what the assets are still worth at the horizon (straight line): no financing cost.</summary>
    public required Usd OwnedTcoCash { get; init; }

    /// <summary>Renting this option's GPUs through the horizon.</summary>
    public Usd? RentedTco { get; init; }
    public BreakEven? BreakEven { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>
    /// What the option pays up front: the capex when owned, nothing when rented (<see cref="Capex"/> is then what
    /// owning the same GPUs would cost, for the break-even). The plan's comparison, its report and `cost` all show this.
    /// </summary>
    public Usd UpFrontCapex => Ownership == Ownership.Owned ? Capex.Total : Usd.Zero;

    public Usd FixedTotalPerYear => new(FixedPerYear.Sum(l => l.PerYear.Value));

    public Usd CashOpexPerYear => new Usd(FixedPerYear.Where(l => !l.IsCapitalCharge).Sum(l => l.PerYear.Value)) + EnergyPerYear;

    /// <summary>The cost of one run the way this option pays for it.</summary>
    public Usd RunCost => Ownership == Ownership.Owned ? OwnedRun.Total : RentedRun ?? new Usd(double.NaN);
}
