using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Fabric;

/// <summary>
/// A switch: its cages and the port speeds they split into (radix at a speed), technology, in-network
/// reduction, power with copper and with optics, price, and what a collective sees through it
/// (fraction of line rate, latency per hop).
/// </summary>
public sealed record SwitchSpec : ICatalogItem<SwitchSpec>
{
    public static string Kind => "switches";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Vendor { get; init; }
    public required NetworkTechnology Technology { get; init; }

    /// <summary>Physical cages (OSFP, QSFP) on the front panel.</summary>
    public required int Cages { get; init; }

    /// <summary>Bandwidth of one cage, one direction (800 Gb/s for a twin-port 2x400G OSFP cage).</summary>
    public required BytesPerSecond CageSpeed { get; init; }

    /// <summary>Logical port speeds a cage splits into, fastest first.</summary>
    public required IReadOnlyList<BytesPerSecond> PortSpeeds { get; init; }

    /// <summary>The ASIC's limit on logical ports, where it is below cages x split.</summary>
    public int? MaxPorts { get; init; }

    /// <summary>In-network reduction (SHARP): all-reduce data crosses each link once instead of twice.</summary>
    public required bool InNetworkReduction { get; init; }

    /// <summary>Power with passive copper in every cage (no optics).</summary>
    public required Watts Power { get; init; }

    /// <summary>Power with optics in every cage, optics included (vendor or measured maximum).</summary>
    public required Watts PowerWithOptics { get; init; }

    public required Usd Price { get; init; }

    /// <summary>Fraction of line rate a large collective reaches through a fabric of these switches.</summary>
    public required double CollectiveEfficiency { get; init; }

    /// <summary>Port-to-port latency of one switch hop.</summary>
    public required Duration HopLatency { get; init; }

    public required int RackUnits { get; init; }

    /// <summary>Ports at a line rate, or null when the cages do not split to it.</summary>
    public int? RadixAt(BytesPerSecond speed)
    {
        foreach (var s in PortSpeeds)
        {
            if (Math.Abs(s.Value - speed.Value) > 1e-6 * speed.Value) continue;
            long perCage = (long)Math.Round(CageSpeed.Value / speed.Value);
            long ports = perCage * Cages;
            if (MaxPorts is { } max) ports = Math.Min(ports, max);
            return (int)ports;
        }
        return null;
    }

    /// <summary>Links of this speed that share one cage (and one switch-side transceiver).</summary>
    public int LinksPerCage(BytesPerSecond speed) => Math.Max(1, (int)Math.Round(CageSpeed.Value / speed.Value));

    public static SwitchSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? vendor = r.String("vendor", required: true);
        r.Int("year", min: 1990, max: 2100);
        var technology = r.Enum<NetworkTechnology>("technology", required: true);
        int? cages = r.Int("cages", required: true, min: 1, max: 4096);
        double? cageSpeed = r.Quantity("cage_speed", Dimension.BytesPerSecond, required: true, min: 1e6, max: 1e13);
        var speeds = ReadSpeeds(r, cageSpeed);
        int? maxPorts = r.Int("max_ports", min: 1, max: 65536);
        bool? sharp = r.Bool("in_network_reduction", required: true);
        double? power = r.Quantity("power", Dimension.Watts, required: true, min: 0, max: 1e5);
        double? powerOptics = r.Quantity("power_with_optics", Dimension.Watts, required: true, min: 0, max: 1e5);
        double? price = r.Quantity("price", Dimension.Usd, required: true, min: 0, max: 1e8);
        double? eff = r.Number("collective_efficiency", required: true, min: 0.05, max: 1);
        double? hop = r.Quantity("hop_latency", Dimension.Duration, required: true, min: 0, max: 1e-3);
        int? ru = r.Int("rack_units", required: true, min: 1, max: 50);
        if (power is not null && powerOptics is not null && powerOptics < power)
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Node("power_with_optics")!.Location, r.FieldPath("power_with_optics"), null,
                "power with optics cannot be below power with copper", "optics add power; check the two figures");
        if (name is null || vendor is null || technology is null || cages is null || cageSpeed is null || speeds is null || sharp is null
            || power is null || powerOptics is null || price is null || eff is null || hop is null || ru is null)
            return null;
        return new SwitchSpec
        {
            Id = entry.Id, Name = name, Vendor = vendor, Technology = technology.Value, Cages = cages.Value,
            CageSpeed = new BytesPerSecond(cageSpeed.Value), PortSpeeds = speeds, MaxPorts = maxPorts, InNetworkReduction = sharp.Value,
            Power = new Watts(power.Value), PowerWithOptics = new Watts(powerOptics.Value), Price = new Usd(price.Value),
            CollectiveEfficiency = eff.Value, HopLatency = new Duration(hop.Value), RackUnits = ru.Value,
        };
    }

    private static List<BytesPerSecond>? ReadSpeeds(FieldReader r, double? cageSpeed)
    {
        var items = r.List("port_speeds", required: true);
        if (items is null) return null;
        var result = new List<BytesPerSecond>();
        bool ok = items.Count > 0;
        if (!ok) r.Diagnostics.Error(DiagnosticCodes.MissingField, r.Location, r.FieldPath("port_speeds"), null, "needs at least one port speed", "e.g. [400 Gb/s, 200 Gb/s]");
        for (int i = 0; i < items.Count; i++)
        {
            string field = $"{r.FieldPath("port_speeds")}[{i.Inv()}]";
            double? v = r.ReadQuantity(items[i], field, Dimension.BytesPerSecond, 1e6, 1e13, null);
            if (v is null) { ok = false; continue; }
            if (cageSpeed is not null && Math.Abs(cageSpeed.Value / v.Value - Math.Round(cageSpeed.Value / v.Value)) > 1e-9)
            {
                r.Diagnostics.Error(DiagnosticCodes.Inconsistent, items[i].Location, field, FieldReader.Describe(items[i]),
                    "a port speed must divide the cage speed (a cage splits into whole ports)", null);
                ok = false;
                continue;
            }
            result.Add(new BytesPerSecond(v.Value));
        }
        return ok ? [.. result.OrderByDescending(s => s.Value)] : null;
    }
}
