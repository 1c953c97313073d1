using Kolosseum.Catalog;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>How long a renter commits for. Longer commitments buy lower hourly prices.</summary>
public enum Commitment
{
    OnDemand,
    CapacityBlock,
    OneYear,
    ThreeYear,
    MultiYear,
}

/// <summary>A dated price to rent one GPU for one hour from a provider, for a commitment.</summary>
public sealed record RentalPrice : ICatalogItem<RentalPrice>
{
    public static string Kind => "rental";

    public required string Id { get; init; }
    public required string Provider { get; init; }
    public required string Sku { get; init; }

    /// <summary>The catalog GPU this price rents.</summary>
    public required string GpuId { get; init; }
    public required Commitment Commitment { get; init; }
    public required HourlyRate PricePerGpuHour { get; init; }

    /// <summary>When the price was observed, as written by the source (YYYY-MM).</summary>
    public required string Observed { get; init; }

    public static RentalPrice? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? provider = r.String("provider", required: true);
        string? sku = r.String("sku", required: true);
        string? gpu = r.String("gpu", required: true);
        if (gpu is not null && r.Node("gpu") is { } node && !catalog.CheckId<GpuSpec>(gpu, node.Location, r.FieldPath("gpu"), r.Diagnostics)) gpu = null;
        var commitment = r.Enum<Commitment>("commitment", required: true);
        double? price = r.Quantity("price", Dimension.UsdPerHour, required: true, min: 0, max: 1000 / 3600.0, rangeHint: "per GPU-hour, e.g. 2.20 USD/h");
        string? observed = r.String("observed", required: true);
        if (observed is not null && !IsYearMonth(observed))
        {
            r.Diagnostics.Error(Diagnostics.DiagnosticCodes.WrongType, r.Node("observed")!.Location, r.FieldPath("observed"), observed,
                "must be a year and month, YYYY-MM", "e.g. observed: 2024-07");
            observed = null;
        }
        if (provider is null || sku is null || gpu is null || commitment is null || price is null || observed is null) return null;
        return new RentalPrice
        {
            Id = entry.Id, Provider = provider, Sku = sku, GpuId = gpu, Commitment = commitment.Value,
            PricePerGpuHour = new HourlyRate(price.Value), Observed = observed,
        };
    }

    private static bool IsYearMonth(string s) =>
        s.Length == 7 && s[4] == '-' && s[..4].All(char.IsAsciiDigit) && s[5..].All(char.IsAsciiDigit) && int.Parse(s[5..], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;
}
