using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>A pluggable optical transceiver: how many links it carries, at what speed, how far, on which fibre.</summary>
public sealed record TransceiverSpec : ICatalogItem<TransceiverSpec>
{
    public static string Kind => "transceivers";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Multimode, single-mode or coherent.</summary>
    public required LinkMedium Medium { get; init; }

    /// <summary>Links one module carries: 1 for a single-port module, 2 for a twin-port 2x400G.</summary>
    public required int Ports { get; init; }

    /// <summary>Line rate of each of its links.</summary>
    public required BytesPerSecond Speed { get; init; }

    public required double ReachMeters { get; init; }
    public required Watts Power { get; init; }
    public required Usd Price { get; init; }

    public static TransceiverSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        r.String("vendor");
        r.String("form_factor");
        var medium = r.Enum<LinkMedium>("medium", required: true);
        if (medium is LinkMedium.Copper or LinkMedium.ActiveOptical)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Node("medium")!.Location, r.FieldPath("medium"), EnumNames<LinkMedium>.Name(medium.Value),
                "a transceiver is multimode, singlemode or coherent", "copper and active optical cables belong under cables:");
            medium = null;
        }
        int? ports = r.Int("ports", required: true, min: 1, max: 8);
        double? speed = r.Quantity("speed", Dimension.BytesPerSecond, required: true, min: 1e6, max: 1e13);
        double? reach = r.Quantity("reach", Dimension.Meters, required: true, min: 0.1, max: 1e6);
        double? power = r.Quantity("power", Dimension.Watts, required: true, min: 0, max: 200);
        double? price = r.Quantity("price", Dimension.Usd, required: true, min: 0, max: 1e6);
        if (name is null || medium is null || ports is null || speed is null || reach is null || power is null || price is null) return null;
        return new TransceiverSpec
        {
            Id = entry.Id, Name = name, Medium = medium.Value, Ports = ports.Value, Speed = new BytesPerSecond(speed.Value),
            ReachMeters = reach.Value, Power = new Watts(power.Value), Price = new Usd(price.Value),
        };
    }
}
