using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>A cable: copper (DAC, ACC), active optical (AOC) or a fibre patch cord that joins two transceivers.</summary>
public sealed record CableSpec : ICatalogItem<CableSpec>
{
    public static string Kind => "cables";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required CableKind CableKind { get; init; }

    /// <summary>Links the cable carries (2 for a twin-port splitter).</summary>
    public required int Links { get; init; }

    /// <summary>Line rate per link; null for fibre, which carries any speed its transceivers run.</summary>
    public BytesPerSecond? Speed { get; init; }

    public required double ReachMeters { get; init; }

    /// <summary>Power of the whole cable (both ends); near zero for passive copper and fibre.</summary>
    public required Watts Power { get; init; }

    public required Usd Price { get; init; }

    public LinkMedium Medium => CableKind switch
    {
        CableKind.Dac or CableKind.Acc => LinkMedium.Copper,
        CableKind.Aoc => LinkMedium.ActiveOptical,
        CableKind.MultimodeFiber => LinkMedium.Multimode,
        _ => LinkMedium.Singlemode,
    };

    public static CableSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        r.String("vendor");
        var kind = r.Enum<CableKind>("kind", required: true);
        int? links = r.Int("links", required: true, min: 1, max: 8);
        double? speed = r.Quantity("speed", Dimension.BytesPerSecond, min: 1e6, max: 1e13);
        double? reach = r.Quantity("reach", Dimension.Meters, required: true, min: 0.1, max: 1e6);
        double? power = r.Quantity("power", Dimension.Watts, required: true, min: 0, max: 200);
        double? price = r.Quantity("price", Dimension.Usd, required: true, min: 0, max: 1e6);
        if (kind is not null && kind is not (CableKind.MultimodeFiber or CableKind.SinglemodeFiber) && speed is null && r.ReportMissing)
            r.Missing("speed", "copper and active optical cables run at one line rate, e.g. 400 Gb/s");
        if (name is null || kind is null || links is null || reach is null || power is null || price is null) return null;
        if (kind is not (CableKind.MultimodeFiber or CableKind.SinglemodeFiber) && speed is null) return null;
        return new CableSpec
        {
            Id = entry.Id, Name = name, CableKind = kind.Value, Links = links.Value, Speed = speed is null ? null : new BytesPerSecond(speed.Value),
            ReachMeters = reach.Value, Power = new Watts(power.Value), Price = new Usd(price.Value),
        };
    }
}
