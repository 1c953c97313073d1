using System.Globalization;
using Kolosseum.Power;
using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>
/// Prices a cluster option: capex, yearly cost of owning (capital charges by annuity, maintenance, insurance,
/// staff, colocation rent, energy), one training run owned and rented, total cost of ownership over the horizon,
/// and the break-even between owning and renting. Equations in docs/economics.md.
/// </summary>
public static class CostModel
{
    public static OptionCost Evaluate(CostInputs inputs) => Evaluate(inputs, CostFactors.None);

    public static OptionCost Evaluate(CostInputs inputs, CostFactors f)
    {
        var inv = inputs.Inventory;
        var econ = inputs.Economics;
        var powerSettings = inputs.Power;
        var run = inputs.Run;
        double u = Math.Min(1, econ.Utilisation * f.Utilisation);
        double rate = econ.CostOfCapital * f.CostOfCapital;
        var hardwareLife = econ.HardwareLife * f.HardwareLife;
        var price = powerSettings.ElectricityPrice * f.EnergyPrice;

        // The factor keeps PUE in its range (SensitivityLimits); the clamp here only absorbs the last bit of rounding.
        var power = ClusterPower.Compute(inv, Math.Clamp(powerSettings.Pue * f.Pue, PowerSettings.MinPue, PowerSettings.MaxPue), run.Phases);
        var runEnergy = EnergyUse.ForRun(power, run, price, powerSettings.Carbon);
        var capex = CapexEstimate.Build(inv, power, powerSettings.Facility, econ.Capex, econ.AllInPerGpu, hardwareLife, f.ServerPrice, f.FacilityCapex);

        var facility = powerSettings.Facility;
        var fixedLines = new List<AnnualCostLine>
        {
            new("Capital charge: hardware", Finance.AnnualCharge(capex.Hardware, rate, hardwareLife), Invariant($"{capex.Hardware} over {hardwareLife.Years:0.##} y at {rate:P1}"), true),
        };
        if (capex.Facility.Value > 0 && facility.Life is { } facilityLife)
            fixedLines.Add(new("Capital charge: facility", Finance.AnnualCharge(capex.Facility, rate, facilityLife), Invariant($"{capex.Facility} over {facilityLife.Years:0.##} y at {rate:P1}"), true));
        fixedLines.Add(new("Maintenance and spares", capex.Hardware * econ.Opex.MaintenanceRate, Invariant($"{econ.Opex.MaintenanceRate:P1} of hardware capex a year"), false));
        fixedLines.Add(new("Insurance", capex.Total * econ.Opex.InsuranceRate, Invariant($"{econ.Opex.InsuranceRate:P2} of capex a year"), false));
        double staff = power.ItCapacity.Megawatts * econ.Opex.StaffPerMegawatt;
        fixedLines.Add(new("Staff", econ.Opex.StaffCost * staff, Invariant($"{staff:0} FTE ({econ.Opex.StaffPerMegawatt:0.##} per MW of critical IT) at {econ.Opex.StaffCost}"), false));
        if (facility.RentPerWattMonth is { } rent)
            fixedLines.Add(new("Colocation rent", new Usd(power.ItCapacity.Value * rent * 12), Invariant($"{power.ItCapacity} critical IT at ${rent * 1000:0.##}/kW/month"), false));
        var fixedTotal = new Usd(fixedLines.Sum(l => l.PerYear.Value));
        var capitalCharges = new Usd(fixedLines.Where(l => l.IsCapitalCharge).Sum(l => l.PerYear.Value));

        var year = Duration.FromYears(1);
        var busy = EnergyUse.PerYear(power, EnergyUse.AverageIt(power, run), 1, price, powerSettings.Carbon).Cost;
        var idle = EnergyUse.PerYear(power, EnergyUse.AverageIt(power, run), 0, price, powerSettings.Carbon).Cost;
        var energyYear = busy * u + idle * (1 - u);

        // One run occupies the cluster for its wall-clock time; with utilisation u each busy hour also carries
        // (1 - u) / u idle hours of fixed cost and idle energy.
        var wall = run.WallClock;
        double share = wall / year / u;
        var ownedRun = new OwnedRunCost(capitalCharges * share, (fixedTotal - capitalCharges) * share, runEnergy.Cost, idle * (1 - u) * share);

        var annualCost = fixedTotal + energyYear;
        var perUseful = HourlyRate.Per(annualCost, year * (inv.Gpus * u));
        var horizon = econ.Horizon;
        double h = horizon.Years;
        var residual = capex.Hardware * Math.Max(0, 1 - h / hardwareLife.Years)
            + (facility.Life is { } fl ? capex.Facility * Math.Max(0, 1 - h / fl.Years) : Usd.Zero);
        var cashOpex = fixedTotal - capitalCharges + energyYear;

        HourlyRate? rentEffective = inputs.RentPrice is { } p ? p * (f.RentPrice * (1 + econ.RentalOverhead)) : null;
        var billed = inputs.RentBilledAtLeast is { } least && least > wall ? least : wall;
        HourlyRate? runRate = inputs.RunRentPrice is { } rp ? rp * (f.RentPrice * (1 + econ.RentalOverhead)) : rentEffective;
        Usd? rentedRun = runRate is { } re ? re * (billed * inv.Gpus) : null;
        Usd? rentedTco = rentEffective is { } re2 ? re2 * (horizon * inv.Gpus) : null;
        BreakEven? breakEven = rentEffective is { } re3 ? BreakEvenWith(re3, inv.Gpus, fixedTotal, busy, idle, u, cashOpex, capex.Total, rate, perUseful, hardwareLife) : null;

        return new OptionCost
        {
            Name = inputs.Name, Ownership = inputs.Ownership, Gpus = inv.Gpus, Capex = capex, FixedPerYear = fixedLines, Utilisation = u,
            EnergyPerYear = energyYear, EnergyPerYearBusy = busy, EnergyPerYearIdle = idle, RunEnergy = runEnergy, WallClock = wall, OwnedRun = ownedRun,
            RentedRun = rentedRun, RentEffective = rentEffective, OwnedPerUsefulGpuHour = perUseful, Horizon = horizon,
            OwnedTcoLevelised = annualCost * h, OwnedTcoCash = capex.Total + cashOpex * h - residual, RentedTco = rentedTco, BreakEven = breakEven,
            Problems = capex.Problems,
        };
    }

    /// <summary>
    /// Owning costs F + E_idle + u (E_busy - E_idle) a year for u G Y useful GPU-hours; renting them costs p u G Y.
    /// Equal at u* = (F + E_idle) / (p G Y - (E_busy - E_idle)). Payback: capex against the yearly saving
    /// p u G Y - cash opex, discounted at the cost of capital.
    /// </summary>
    private static BreakEven BreakEvenWith(HourlyRate rent, long gpus, Usd fixedTotal, Usd busy, Usd idle, double u, Usd cashOpex, Usd capex,
        double rate, HourlyRate perUseful, Duration hardwareLife)
    {
        var year = Duration.FromYears(1);
        var rentAllYear = rent * (year * gpus);
        double denominator = rentAllYear.Value - (busy - idle).Value;
        double? uStar = denominator > 0 ? (fixedTotal + idle).Value / denominator : null;
        if (uStar is > 1) uStar = null;
        var saving = rentAllYear * u - cashOpex;
        var payback = Finance.DiscountedPayback(capex, saving, rate);
        return new BreakEven(uStar, payback, perUseful, payback is { } t && t > hardwareLife);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
