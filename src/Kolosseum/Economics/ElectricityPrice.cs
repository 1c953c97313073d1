using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>A dated electricity price for a region (annual average price paid by industrial customers, unless the name says otherwise).</summary>
public sealed record ElectricityPrice : ICatalogItem<ElectricityPrice>
{
    public static string Kind => "electricity";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Region { get; init; }
    public required EnergyPrice Price { get; init; }

    /// <summary>The year the price is an average over.</summary>
    public required int Year { get; init; }

    public static ElectricityPrice? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? region = r.String("region", required: true);
        double? price = r.Quantity("price", Dimension.UsdPerKilowattHour, required: true, min: 0, max: 10 / 3.6e6, rangeHint: "industrial prices run $0.04-0.40/kWh");
        int? year = r.Int("year", required: true, min: 1990, max: 2100);
        if (name is null || region is null || price is null || year is null) return null;
        return new ElectricityPrice { Id = entry.Id, Name = name, Region = region, Price = new EnergyPrice(price.Value), Year = year.Value };
    }
}
