using System.Diagnostics;
using DuckDB.NET.Data;

namespace Kolosseum.Tests.Sweeps;

/// <summary>The example 1,000-point sweep in four shards, merged and read back with DuckDB (about 3 minutes on 2 cores).</summary>
public class SweepThousandPointTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void Thousand_point_sweep_in_four_shards_merges_into_one_file_DuckDB_reads_whole()
    {
        string sweep = Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps", "site-failures-utilisation.yaml");
        string dir = SweepFiles.Folder();
        var shards = new string[4];
        for (int i = 0; i < 4; i++)
        {
            shards[i] = Path.Combine(dir, $"s{i}.parquet");
            var clock = Stopwatch.StartNew();
            var (code, _, stderr) = CliRunner.Run("sweep", sweep, "--shard", $"{i}/4", "--out", shards[i], "--json");
            Assert.True(code == 0, stderr);
            Console.WriteLine($"shard {i}/4: {clock.Elapsed.TotalSeconds:0.0} s");
        }
        string merged = Path.Combine(dir, "merged.parquet");
        var m = CliRunner.Run(["sweep", "merge", merged, .. shards]);
        Assert.True(m.Code == 0, m.Stderr);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), count(DISTINCT point), min(point), max(point), count(DISTINCT shard), count(DISTINCT scenario_hash),
                   count(*) FILTER (WHERE o1_feasible AND o0_feasible)
            FROM read_parquet('{merged.Replace("'", "''", StringComparison.Ordinal)}')
            """;
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(1000L, r.GetInt64(0));
        Assert.Equal(1000L, r.GetInt64(1));
        Assert.Equal(0L, r.GetInt64(2));
        Assert.Equal(999L, r.GetInt64(3));
        Assert.Equal(4L, r.GetInt64(4));
        Assert.Equal(1000L, r.GetInt64(5));
        Assert.Equal(1000L, r.GetInt64(6));
        Directory.Delete(dir, recursive: true);
    }
}
