using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Hardware;

/// <summary>A unit of parallel storage (an appliance or server): how fast it writes and reads, what it holds and draws.</summary>
public sealed record StorageSpec : ICatalogItem<StorageSpec>
{
    public static string Kind => "storage";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required BytesPerSecond WriteBandwidth { get; init; }
    public required BytesPerSecond ReadBandwidth { get; init; }
    public required Bytes Capacity { get; init; }
    public required Watts Power { get; init; }
    public Usd? Price { get; init; }
    public required int RackUnits { get; init; }

    public static StorageSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? w = r.Quantity("write_bandwidth", Dimension.BytesPerSecond, required: true, min: 1);
        double? rd = r.Quantity("read_bandwidth", Dimension.BytesPerSecond, required: true, min: 1);
        double? cap = r.Quantity("capacity", Dimension.Bytes, required: true, min: 1);
        double? p = r.Quantity("power", Dimension.Watts, required: true, min: 0);
        double? price = r.Quantity("price", Dimension.Usd, min: 0);
        int? ru = r.Int("rack_units", required: true, min: 1, max: 100);
        if (name is null || w is null || rd is null || cap is null || p is null || ru is null) return null;
        return new StorageSpec
        {
            Id = entry.Id, Name = name, WriteBandwidth = new BytesPerSecond(w.Value), ReadBandwidth = new BytesPerSecond(rd.Value),
            Capacity = new Bytes(cap.Value), Power = new Watts(p.Value), Price = price is null ? null : new Usd(price.Value), RackUnits = ru.Value,
        };
    }
}
