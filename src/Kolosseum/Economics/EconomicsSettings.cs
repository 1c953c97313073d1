using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>
/// The <c>economics:</c> section of a scenario: which capex and opex assumptions, the hardware life, the cost
/// of capital, the horizon for total cost of ownership, how busy an owned cluster is, the reference rental
/// price and the tornado ranges. Absent keys take the documented defaults; all are echoed with their source.
/// </summary>
public sealed record EconomicsSettings : IScenarioSection<EconomicsSettings>
{
    public const string DefaultCapex = "hyperscale-2024";
    public const string DefaultOpex = "hyperscale-2024";
    public const string DefaultRental = "h100-neocloud-2025";
    public const string DefaultSensitivity = "published-spread";
    public const string DefaultRunProfile = "llama3-405b-h100";

    public static string Key => "economics";

    public required CapexAssumptions Capex { get; init; }
    public required OpexAssumptions Opex { get; init; }

    /// <summary>Life over which servers, network and storage are amortised (default: the capex book life).</summary>
    public required Duration HardwareLife { get; init; }

    /// <summary>The range a hardware life may take, in years (a scenario's value and a sensitivity's end alike).</summary>
    public const double MinHardwareLifeYears = 0.5, MaxHardwareLifeYears = 30;
    public required double CostOfCapital { get; init; }

    /// <summary>Horizon of the total cost of ownership (default: the hardware life).</summary>
    public required Duration Horizon { get; init; }
    public required double Utilisation { get; init; }

    /// <summary>All-in capex per GPU replacing bottom-up pricing; null: bottom-up.</summary>
    public Usd? AllInPerGpu { get; init; }
    public required RentalPrice Rental { get; init; }
    public required double RentalOverhead { get; init; }
    public required SensitivityRanges Sensitivity { get; init; }

    /// <summary>Stand-in run figures for <c>kolosseum cost</c> without a plan.</summary>
    public required RunAssumptions RunProfile { get; init; }
    public required IReadOnlyList<Assumption> Assumptions { get; init; }

    public static EconomicsSettings Read(FieldReader? section, ScenarioContext context)
    {
        var catalog = context.Catalog;
        var bag = context.Diagnostics;
        var echo = new List<Assumption>();
        var capex = PowerSettings.Pick<CapexAssumptions>(section, "capex", DefaultCapex, catalog, bag);
        echo.Add(new Assumption("economics.capex", capex.Id, capex.Name));
        var opex = PowerSettings.Pick<OpexAssumptions>(section, "opex", DefaultOpex, catalog, bag);
        echo.Add(new Assumption("economics.opex", opex.Id, opex.Name));

        double year = Duration.SecondsPerYear;
        double? life = section?.Quantity("hardware_life", Dimension.Duration, min: MinHardwareLifeYears * year, max: MaxHardwareLifeYears * year, rangeHint: "e.g. 5 y (book) or 3.1 y (economic)");
        var hardwareLife = new Duration(life ?? capex.BookLife.Seconds);
        echo.Add(new Assumption("economics.hardware_life", Years(hardwareLife), life is null ? "capex book_life: " + Src(catalog, CapexAssumptions.Kind, capex.Id, "book_life") : "scenario"));

        double? rate = section?.Quantity("cost_of_capital", Dimension.Percent, min: 0, max: 1, rangeHint: "e.g. 10 %");
        echo.Add(new Assumption("economics.cost_of_capital", Pct(rate ?? capex.CostOfCapital), rate is null ? Src(catalog, CapexAssumptions.Kind, capex.Id, "cost_of_capital") : "scenario"));

        double? horizon = section?.Quantity("horizon", Dimension.Duration, min: 0.1 * year, max: 50 * year, rangeHint: "e.g. 5 y");
        echo.Add(new Assumption("economics.horizon", Years(new Duration(horizon ?? hardwareLife.Seconds)), horizon is null ? "equal to the hardware life" : "scenario"));

        double? utilisation = section?.Quantity("utilisation", Dimension.Percent, min: 0.01, max: 1, rangeHint: "fraction of the year the owned cluster works, e.g. 83 %");
        echo.Add(new Assumption("economics.utilisation", Pct(utilisation ?? opex.Utilisation), utilisation is null ? Src(catalog, OpexAssumptions.Kind, opex.Id, "utilisation") : "scenario"));

        double? allIn = section?.Quantity("all_in_per_gpu", Dimension.Usd, min: 1, max: 1e7, rangeHint: "servers and network per GPU, e.g. 50k USD");
        Usd? allInPerGpu = allIn is not null ? new Usd(allIn.Value) : capex.AllInPerGpu;
        echo.Add(new Assumption("economics.all_in_per_gpu", allInPerGpu?.ToString() ?? "none (bottom-up: node price + network + storage)",
            allIn is not null ? "scenario" : capex.AllInPerGpu is not null ? Src(catalog, CapexAssumptions.Kind, capex.Id, "all_in_per_gpu") : "capex " + capex.Id));

        var rental = PowerSettings.Pick<RentalPrice>(section, "rental", DefaultRental, catalog, bag);
        echo.Add(new Assumption("economics.rental", $"{rental.Id}: {rental.PricePerGpuHour} per GPU ({rental.Provider}, {rental.Commitment.Name()}, {rental.Observed})",
            Src(catalog, RentalPrice.Kind, rental.Id, "price")));

        double? overhead = section?.Quantity("rental_overhead", Dimension.Percent, min: 0, max: 10, rangeHint: "cost of renting beyond the GPU-hour price, e.g. 10 %");
        echo.Add(new Assumption("economics.rental_overhead", Pct(overhead ?? opex.RentalOverhead), overhead is null ? Src(catalog, OpexAssumptions.Kind, opex.Id, "rental_overhead") : "scenario"));

        var sensitivity = PowerSettings.Pick<SensitivityRanges>(section, "sensitivity", DefaultSensitivity, catalog, bag);
        echo.Add(new Assumption("economics.sensitivity", sensitivity.Id, "catalog sensitivity ranges"));
        var run = PowerSettings.Pick<RunAssumptions>(section, "run_profile", DefaultRunProfile, catalog, bag);
        echo.Add(new Assumption("economics.run_profile", run.Id, run.Name + " (stand-in until the plan supplies days to train)"));

        return new EconomicsSettings
        {
            Capex = capex, Opex = opex, HardwareLife = hardwareLife, CostOfCapital = rate ?? capex.CostOfCapital,
            Horizon = new Duration(horizon ?? hardwareLife.Seconds), Utilisation = utilisation ?? opex.Utilisation, AllInPerGpu = allInPerGpu,
            Rental = rental, RentalOverhead = overhead ?? opex.RentalOverhead, Sensitivity = sensitivity, RunProfile = run, Assumptions = echo,
        };
    }

    public static EconomicsSettings Defaults(Catalog.Catalog catalog) =>
        Read(null, new ScenarioContext("<defaults>", catalog, null, null, new DiagnosticBag(), true));

    private static string Src(Catalog.Catalog catalog, string kind, string id, string field) => PowerSettings.Source(catalog, kind, id, field);

    public static string Pct(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Years(Duration d) => d.Years.ToString("0.##", CultureInfo.InvariantCulture) + " y";
}
