using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Power;

/// <summary>Whether an intensity is the average of a grid (a country, state or cloud region) or of one way of generating.</summary>
public enum CarbonBasis
{
    Grid,
    Generation,
}

/// <summary>The carbon intensity of the electricity a site uses: a grid average, or a source such as on-site gas turbines.</summary>
public sealed record CarbonSource : ICatalogItem<CarbonSource>
{
    public static string Kind => "carbon";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required CarbonIntensity Intensity { get; init; }
    public required CarbonBasis Basis { get; init; }

    /// <summary>The year the figure describes, where the source gives one.</summary>
    public int? Year { get; init; }

    public static CarbonSource? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? intensity = r.Quantity("intensity", Dimension.GramsPerKilowattHour, required: true, min: 0, max: 2000,
            rangeHint: "coal, the dirtiest common source, is about 1,000 g/kWh");
        var basis = r.Enum<CarbonBasis>("basis", required: true);
        int? year = r.Int("year", min: 1990, max: 2100);
        if (name is null || intensity is null || basis is null) return null;
        return new CarbonSource { Id = entry.Id, Name = name, Intensity = new CarbonIntensity(intensity.Value), Basis = basis.Value, Year = year };
    }
}
