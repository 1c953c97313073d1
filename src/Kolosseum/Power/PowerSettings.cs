using System.Globalization;
using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Power;

/// <summary>
/// The <c>power:</c> section of a scenario: which building (PUE, construction cost), the grid connection's
/// limit, the electricity price and the carbon intensity of the supply. Absent keys take the documented
/// defaults below; every value is echoed with its source in <see cref="Assumptions"/>.
/// </summary>
public sealed record PowerSettings : IScenarioSection<PowerSettings>
{
    public const string DefaultFacility = "new-hyperscale-liquid";
    public const string DefaultElectricity = "us-industrial-2024";
    public const string DefaultCarbon = "us-average-2023";
    public const string DefaultSizing = "superpod-best";

    public static string Key => "power";

    public required FacilitySpec Facility { get; init; }
    public required double Pue { get; init; }

    /// <summary>The meaningful PUE range: facility power never below the IT power; 3 is beyond the worst halls still in use.</summary>
    public const double MinPue = 1, MaxPue = 3;

    /// <summary>The grid connection (facility power); null: no limit given.</summary>
    public Watts? SiteLimit { get; init; }

    public required EnergyPrice ElectricityPrice { get; init; }
    public required CarbonIntensity Carbon { get; init; }
    public required Watts GridRampPerMinute { get; init; }
    public required ClusterSizing Sizing { get; init; }
    public required IReadOnlyList<Assumption> Assumptions { get; init; }

    public static PowerSettings Read(FieldReader? section, ScenarioContext context)
    {
        var catalog = context.Catalog;
        var echo = new List<Assumption>();
        var facility = Pick<FacilitySpec>(section, "facility", DefaultFacility, catalog, context.Diagnostics);
        echo.Add(new Assumption("power.facility", facility.Id, facility.Name));

        double? pue = section?.Number("pue", min: MinPue, max: MaxPue, rangeHint: "PUE is facility / IT power: 1.1 for the best sites, 1.56 the 2024 industry average");
        echo.Add(new Assumption("power.pue", (pue ?? facility.Pue).ToString("0.###", CultureInfo.InvariantCulture),
            pue is null ? Source(catalog, FacilitySpec.Kind, facility.Id, "pue") : "scenario"));

        double? limit = section?.Quantity("site_limit", Dimension.Watts, min: 1, max: 1e11, rangeHint: "the grid connection, e.g. 150 MW");
        echo.Add(new Assumption("power.site_limit", limit is null ? "none" : new Watts(limit.Value).ToString(), limit is null ? "no limit given" : "scenario"));

        var (price, priceEcho) = ReadElectricity(section, catalog, context.Diagnostics);
        echo.Add(priceEcho);
        var (carbon, carbonEcho) = ReadCarbon(section, catalog, context.Diagnostics);
        echo.Add(carbonEcho);

        double? ramp = section?.Quantity("grid_ramp_per_minute", Dimension.Watts, min: 1, max: 1e11, rangeHint: "how far the site's draw may move in a minute, e.g. 5 MW");
        echo.Add(new Assumption("power.grid_ramp_per_minute", new Watts(ramp ?? facility.GridRampPerMinute.Value).ToString(),
            ramp is null ? Source(catalog, FacilitySpec.Kind, facility.Id, "grid_ramp_per_minute") : "scenario"));

        var sizing = Pick<ClusterSizing>(section, "sizing", DefaultSizing, catalog, context.Diagnostics);
        echo.Add(new Assumption("power.sizing", sizing.Id, sizing.Name));

        return new PowerSettings
        {
            Facility = facility, Pue = pue ?? facility.Pue, SiteLimit = limit is null ? null : new Watts(limit.Value), ElectricityPrice = price,
            Carbon = carbon, GridRampPerMinute = new Watts(ramp ?? facility.GridRampPerMinute.Value), Sizing = sizing, Assumptions = echo,
        };
    }

    /// <summary>The defaults, as when a scenario has no <c>power:</c> section.</summary>
    public static PowerSettings Defaults(Catalog.Catalog catalog) =>
        Read(null, new ScenarioContext("<defaults>", catalog, null, null, new DiagnosticBag(), true));

    private static (EnergyPrice, Assumption) ReadElectricity(FieldReader? section, Catalog.Catalog catalog, DiagnosticBag bag)
    {
        double? given = section?.Quantity("electricity_price", Dimension.UsdPerKilowattHour, min: 0, max: 10 / 3.6e6, rangeHint: "e.g. 0.078 USD/kWh");
        if (given is not null && section!.Has("electricity"))
            bag.Error(DiagnosticCodes.Inconsistent, section.Node("electricity")!.Location, section.FieldPath("electricity"), null,
                "give an electricity catalog id or an electricity_price, not both", "remove one of them");
        var entry = Pick<Economics.ElectricityPrice>(section, "electricity", DefaultElectricity, catalog, bag);
        if (given is not null)
            return (new EnergyPrice(given.Value), new Assumption("power.electricity_price", new EnergyPrice(given.Value).ToString(), "scenario"));
        return (entry.Price, new Assumption("power.electricity", $"{entry.Id}: {entry.Price}", Source(catalog, Economics.ElectricityPrice.Kind, entry.Id, "price")));
    }

    private static (CarbonIntensity, Assumption) ReadCarbon(FieldReader? section, Catalog.Catalog catalog, DiagnosticBag bag)
    {
        double? given = section?.Quantity("carbon_intensity", Dimension.GramsPerKilowattHour, min: 0, max: 2000, rangeHint: "e.g. 367 g/kWh");
        if (given is not null && section!.Has("carbon"))
            bag.Error(DiagnosticCodes.Inconsistent, section.Node("carbon")!.Location, section.FieldPath("carbon"), null,
                "give a carbon catalog id or a carbon_intensity, not both", "remove one of them");
        var entry = Pick<CarbonSource>(section, "carbon", DefaultCarbon, catalog, bag);
        if (given is not null)
            return (new CarbonIntensity(given.Value), new Assumption("power.carbon_intensity", new CarbonIntensity(given.Value).ToString(), "scenario"));
        return (entry.Intensity, new Assumption("power.carbon", $"{entry.Id}: {entry.Intensity}", Source(catalog, CarbonSource.Kind, entry.Id, "intensity")));
    }

    /// <summary>
    /// The catalog record named by <paramref name="key"/> (or the default id). When the name is unknown the
    /// diagnostic is reported and the default stands in, so that the rest of the section is still checked.
    /// </summary>
    public static T Pick<T>(FieldReader? section, string key, string defaultId, Catalog.Catalog catalog, DiagnosticBag bag) where T : class, ICatalogItem<T>
    {
        string? id = section?.String(key);
        if (id is not null && catalog.CheckId<T>(id, section!.Node(key)!.Location, section.FieldPath(key), bag)) return catalog.Get<T>(id);
        if (catalog.TryGet<T>(defaultId, out var value)) return value;
        return Catalog.Catalog.Embedded.Get<T>(defaultId);
    }

    /// <summary>Where a catalog field's number comes from; an entry written in a scenario without a source says so, with its place.</summary>
    public static string Source(Catalog.Catalog catalog, string kind, string id, string field)
    {
        var entry = catalog.Entry(kind, id);
        if (entry is null) return "";
        string source = entry.SourceOf(field);
        return string.IsNullOrWhiteSpace(source) ? $"scenario catalog entry {kind}/{id} at {entry.Location} (no source given)" : source;
    }
}
