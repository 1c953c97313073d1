namespace Kolosseum.Sweeps;

/// <summary>The types a sweep's result columns take (each maps to one Parquet type; docs/sweeps.md lists the columns).</summary>
public enum SweepColumnType
{
    Int64,
    Double,
    Text,
    Boolean,
    Date,
}

public sealed record SweepColumn(string Name, SweepColumnType Type);

/// <summary>
/// One shard's results: a row per point (values aligned with <see cref="Columns"/>, null where a figure does not
/// apply, e.g. for an option that could not be planned) and the metadata that lets merge check the shards.
/// </summary>
public sealed record SweepTable(IReadOnlyList<SweepColumn> Columns, IReadOnlyList<object?[]> Rows, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Metadata keys every shard file carries (Parquet key-value metadata).</summary>
    public const string SweepHashKey = "kolosseum.sweep_hash";
    public const string SweepNameKey = "kolosseum.sweep_name";
    public const string PointsKey = "kolosseum.points";
    public const string ShardKey = "kolosseum.shard";
    public const string ShardsKey = "kolosseum.shards";
    public const string AxesKey = "kolosseum.axes";
    public const string TrialsKey = "kolosseum.trials";

    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }
}

/// <summary>Which points a shard runs: point k belongs to shard k mod n (round robin, so neighbouring points, which cost alike, spread evenly).</summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(0, 1);

    public bool Owns(long point) => point % Count == Index;

    /// <summary>How many of <paramref name="points"/> points this shard runs.</summary>
    public long PointsOf(long points) => points <= Index ? 0 : (points - Index + Count - 1) / Count;

    public IEnumerable<long> Points(long points)
    {
        for (long k = Index; k < points; k += Count) yield return k;
    }
}
