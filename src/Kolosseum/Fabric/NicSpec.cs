using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>
/// A back-end network adapter. Its power and price sit inside the node's (a server is bought with its
/// NICs); the fabric uses its speed, how many NIC ports share one node-side cage (and so one
/// transceiver), and the per-step latency of a collective through it.
/// </summary>
public sealed record NicSpec : ICatalogItem<NicSpec>
{
    public static string Kind => "nics";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Vendor { get; init; }

    /// <summary>Line rate of one port.</summary>
    public required BytesPerSecond Speed { get; init; }

    /// <summary>Network ports per NIC.</summary>
    public required int Ports { get; init; }

    /// <summary>NIC ports behind one node-side cage: 1 for a PCIe card, 2 where twin-port cages serve two NICs (DGX H100).</summary>
    public required int PortsPerCage { get; init; }

    public required Watts Power { get; init; }
    public required Usd Price { get; init; }

    /// <summary>Latency of one inter-node step of a collective (NIC, PCIe, software), excluding switch hops beyond the first.</summary>
    public required Duration StepLatency { get; init; }

    public static NicSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? vendor = r.String("vendor", required: true);
        r.Int("year", min: 1990, max: 2100);
        double? speed = r.Quantity("speed", Dimension.BytesPerSecond, required: true, min: 1e6, max: 1e13);
        int? ports = r.Int("ports", required: true, min: 1, max: 16);
        int? perCage = r.Int("ports_per_cage", required: true, min: 1, max: 8);
        double? power = r.Quantity("power", Dimension.Watts, required: true, min: 0, max: 1000);
        double? price = r.Quantity("price", Dimension.Usd, required: true, min: 0, max: 1e6);
        double? latency = r.Quantity("step_latency", Dimension.Duration, required: true, min: 0, max: 1e-3);
        if (name is null || vendor is null || speed is null || ports is null || perCage is null || power is null || price is null || latency is null)
            return null;
        return new NicSpec
        {
            Id = entry.Id, Name = name, Vendor = vendor, Speed = new BytesPerSecond(speed.Value), Ports = ports.Value,
            PortsPerCage = perCage.Value, Power = new Watts(power.Value), Price = new Usd(price.Value), StepLatency = new Duration(latency.Value),
        };
    }
}
