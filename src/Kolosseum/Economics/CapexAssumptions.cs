using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>
/// How capital is counted for an owned cluster: the network's share of compute+network hardware when no
/// fabric design prices it, an all-in price per GPU as an alternative to bottom-up pricing, depreciation
/// lives, the cost of capital and the price of battery storage.
/// </summary>
public sealed record CapexAssumptions : ICatalogItem<CapexAssumptions>
{
    public static string Kind => "capex";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Network (switches, optics, cables) as a fraction of compute + network hardware.</summary>
    public required double NetworkShare { get; init; }

    /// <summary>Servers and network per GPU, all in; when set it replaces the bottom-up server + network price.</summary>
    public Usd? AllInPerGpu { get; init; }

    /// <summary>Life over which the books depreciate servers and network (5-6 years at hyperscalers).</summary>
    public required Duration BookLife { get; init; }

    /// <summary>Life over which the hardware stays competitive for frontier training (shorter than the book life).</summary>
    public required Duration EconomicLife { get; init; }

    /// <summary>Annual cost of the money tied up in the cluster (debt rate or weighted cost of capital).</summary>
    public required double CostOfCapital { get; init; }

    /// <summary>Installed battery energy storage, per kWh of capacity.</summary>
    public required double BatteryPerKilowattHour { get; init; }

    public static CapexAssumptions? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? share = r.Quantity("network_share", Dimension.Percent, required: true, min: 0, max: 0.9);
        double? allIn = r.Quantity("all_in_per_gpu", Dimension.Usd, min: 1, max: 1e7);
        double? book = r.Quantity("book_life", Dimension.Duration, required: true, min: 0.5 * Duration.SecondsPerYear, max: 30 * Duration.SecondsPerYear);
        double? econ = r.Quantity("economic_life", Dimension.Duration, required: true, min: 0.5 * Duration.SecondsPerYear, max: 30 * Duration.SecondsPerYear);
        double? rate = r.Quantity("cost_of_capital", Dimension.Percent, required: true, min: 0, max: 1);
        double? battery = r.Quantity("battery_cost", Dimension.UsdPerKilowattHour, required: true, min: 0, max: 1e4 / 3.6e6);
        if (name is null || share is null || book is null || econ is null || rate is null || battery is null) return null;
        return new CapexAssumptions
        {
            Id = entry.Id, Name = name, NetworkShare = share.Value, AllInPerGpu = allIn is null ? null : new Usd(allIn.Value),
            BookLife = new Duration(book.Value), EconomicLife = new Duration(econ.Value), CostOfCapital = rate.Value,
            BatteryPerKilowattHour = battery.Value * 3.6e6,
        };
    }
}
