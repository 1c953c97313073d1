using Kolosseum.Catalog;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Power;

/// <summary>
/// Rules that size the parts of a cluster besides its GPU nodes: how much parallel storage per node, and
/// the share of IT power that the network, storage and CPU nodes add when no fabric design is given.
/// </summary>
public sealed record ClusterSizing : ICatalogItem<ClusterSizing>
{
    public static string Kind => "cluster_sizing";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The storage building block (catalog <c>storage</c> id).</summary>
    public required string StorageId { get; init; }

    /// <summary>Aggregate storage read bandwidth to provision per GPU node.</summary>
    public required BytesPerSecond StorageReadPerNode { get; init; }

    /// <summary>
    /// IT power of everything that is not a GPU server (switches, optics, storage, CPU nodes) as a fraction of
    /// the servers' power. Used only when no fabric design supplies the network.
    /// </summary>
    public required double NonServerItShare { get; init; }

    public static ClusterSizing? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? storage = r.String("storage", required: true);
        if (storage is not null && r.Node("storage") is { } node && !catalog.CheckId<StorageSpec>(storage, node.Location, r.FieldPath("storage"), r.Diagnostics)) storage = null;
        double? read = r.Quantity("storage_read_per_node", Dimension.BytesPerSecond, required: true, min: 0, max: 1e13);
        double? share = r.Quantity("non_server_it_share", Dimension.Percent, required: true, min: 0, max: 1);
        if (name is null || storage is null || read is null || share is null) return null;
        return new ClusterSizing { Id = entry.Id, Name = name, StorageId = storage, StorageReadPerNode = new BytesPerSecond(read.Value), NonServerItShare = share.Value };
    }
}
