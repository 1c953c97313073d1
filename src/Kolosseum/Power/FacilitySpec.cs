using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Power;

/// <summary>How a facility removes heat; recorded for the reader, the PUE carries the energy cost of it.</summary>
public enum Cooling
{
    Air,
    Liquid,
    Hybrid,
}

/// <summary>
/// A kind of building to put the cluster in: its power usage effectiveness, what it costs to build per watt
/// of critical IT (or to lease, for colocation), how long the building is depreciated over, and how fast
/// the grid connection lets the site's draw move.
/// </summary>
public sealed record FacilitySpec : ICatalogItem<FacilitySpec>
{
    public static string Kind => "facilities";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Facility power / IT power.</summary>
    public required double Pue { get; init; }
    public required Cooling Cooling { get; init; }

    /// <summary>Construction cost per watt of critical IT capacity; null for a leased (colocation) site.</summary>
    public double? CapexPerWatt { get; init; }

    /// <summary>Depreciation life of the building and its electrical and mechanical plant.</summary>
    public Duration? Life { get; init; }

    /// <summary>Colocation rent per watt of critical IT per month; null for a site one owns.</summary>
    public double? RentPerWattMonth { get; init; }

    /// <summary>How much the site's draw may change per minute before the grid notices (sizes the smoothing battery).</summary>
    public required Watts GridRampPerMinute { get; init; }

    public bool Leased => RentPerWattMonth is not null;

    public static FacilitySpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? pue = r.Number("pue", required: true, min: PowerSettings.MinPue, max: PowerSettings.MaxPue, rangeHint: "PUE is facility / IT power: 1.1 for the best sites, 1.56 the 2024 industry average");
        var cooling = r.Enum<Cooling>("cooling", required: true);
        double? capex = r.Quantity("capex_per_critical_power", Dimension.UsdPerWatt, min: 0, max: 1000, rangeHint: "e.g. 11.7 USD/W ($11.7M per MW)");
        double? life = r.Quantity("life", Dimension.Duration, min: Duration.SecondsPerYear, max: 100 * Duration.SecondsPerYear);
        double? rent = r.Quantity("rent_per_critical_power_month", Dimension.UsdPerWatt, min: 0, max: 100, rangeHint: "e.g. 163 USD/kW (per month)");
        double? ramp = r.Quantity("grid_ramp_per_minute", Dimension.Watts, required: true, min: 1, max: 1e11);
        if (capex is null && rent is null)
            r.Missing("capex_per_critical_power", "give a construction cost (capex_per_critical_power) or a colocation rent (rent_per_critical_power_month)");
        if (capex is not null && life is null) r.Missing("life", "a facility that is built needs a depreciation life");
        if (name is null || pue is null || cooling is null || ramp is null || (capex is null && rent is null) || (capex is not null && life is null)) return null;
        return new FacilitySpec
        {
            Id = entry.Id, Name = name, Pue = pue.Value, Cooling = cooling.Value, CapexPerWatt = capex,
            Life = life is null ? null : new Duration(life.Value), RentPerWattMonth = rent, GridRampPerMinute = new Watts(ramp.Value),
        };
    }
}
