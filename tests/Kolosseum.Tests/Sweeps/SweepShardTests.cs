using DuckDB.NET.Data;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Sweeps;

namespace Kolosseum.Tests.Sweeps;

/// <summary>Shards, merge and the merged file read back with DuckDB (DuckDB.NET, an independent Parquet reader).</summary>
public class SweepShardTests
{
    [Fact]
    public void Shards_split_the_points_round_robin_without_gaps_or_overlap()
    {
        foreach (long points in new long[] { 0, 1, 7, 12, 1000 })
            foreach (int n in new[] { 1, 3, 4, 64 })
            {
                var all = Enumerable.Range(0, n).SelectMany(i => new Shard(i, n).Points(points)).Order().ToList();
                Assert.Equal(Enumerable.Range(0, (int)points).Select(k => (long)k), all);
                Assert.Equal(points, Enumerable.Range(0, n).Sum(i => new Shard(i, n).PointsOf(points)));
            }
    }

    private static (string Dir, string Sweep) SmallSweep()
    {
        string dir = SweepFiles.Folder();
        return (dir, SweepFiles.Write(dir, SweepFiles.Small));
    }

    private static string[] RunShards(string dir, string sweep, int n, string threads = "1")
    {
        var files = new string[n];
        for (int i = 0; i < n; i++)
        {
            files[i] = Path.Combine(dir, $"shard-{i}.parquet");
            var (code, stdout, stderr) = CliRunner.Run("sweep", sweep, "--shard", $"{i}/{n}", "--out", files[i], "--threads", threads, "--json");
            Assert.True(code == 0, stderr);
            Assert.StartsWith("{", stdout.TrimStart(), StringComparison.Ordinal);
            Assert.Equal("", stderr);
        }
        return files;
    }

    private static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void Four_shards_merged_equal_one_unsharded_run_and_DuckDB_reads_the_plan_figures()
    {
        var (dir, sweep) = SmallSweep();
        var shards = RunShards(dir, sweep, 4);
        string merged = Path.Combine(dir, "merged.parquet");
        var (code, stdout, stderr) = CliRunner.Run(["sweep", "merge", merged, .. shards.Reverse()]);
        Assert.True(code == 0, stderr);
        Assert.Contains("12 points", stdout, StringComparison.Ordinal);
        string whole = Path.Combine(dir, "whole.parquet");
        Assert.Equal(0, CliRunner.Run("sweep", sweep, "--out", whole, "--threads", "2", "--json").Code);

        string m = merged.Replace("'", "''", StringComparison.Ordinal), w = whole.Replace("'", "''", StringComparison.Ordinal);
        // One row per point, each point once, in order.
        Assert.Equal(12L, Query($"SELECT count(*) FROM read_parquet('{m}')")[0][0]);
        Assert.Equal(12L, Query($"SELECT count(DISTINCT point) FROM read_parquet('{m}')")[0][0]);
        Assert.Equal(Enumerable.Range(0, 12).Select(k => (object?)(long)k), Query($"SELECT point FROM read_parquet('{m}')").Select(r => r[0]));
        // Sharding and thread count change nothing: every figure equals the unsharded run's.
        var differing = Query($"""
            SELECT count(*) FROM read_parquet('{m}') a JOIN read_parquet('{w}') b USING (point)
            WHERE a.o1_days_p50 <> b.o1_days_p50 OR a.o0_run_cost_usd <> b.o0_run_cost_usd OR a.o1_tco_usd <> b.o1_tco_usd
               OR a.o1_finish_p90 <> b.o1_finish_p90 OR a.scenario_hash <> b.scenario_hash
            """);
        Assert.Equal(0L, differing[0][0]);

        // A query against the plan computed directly for one point, with the sweep's plan settings.
        var bag = new DiagnosticBag();
        var spec = SweepFileReader.Load(sweep, bag)!;
        var point = SweepPoints.Create(spec, bag)!.Build(7, bag)!;
        var plan = Planner.Run(point.Scenario, SweepRunner.PlanOptionsFor(spec, point, default));
        var build = plan.Options.Single(o => o.Option.Name == "Build 88k H100");
        var row = Query($"""
            SELECT o1_days_p50, o1_days_p90, o1_finish_p50, o1_tco_usd, o1_facility_mw, o1_ettr_p50, "power.site_limit", "power.site_limit#si", "economics.utilisation", first_to_finish
            FROM read_parquet('{m}') WHERE point = 7
            """).Single();
        Assert.Equal(build.DaysP50, (double)row[0]!);
        Assert.Equal(build.DaysP90, (double)row[1]!);
        Assert.Equal(build.Schedule.FinishP50, (DateOnly)row[2]!);
        Assert.Equal(Comparison.Tco(build), (double)row[3]!);
        Assert.Equal(build.FacilityMw, (double)row[4]!);
        Assert.Equal(build.Reliability.Ettr.P50, (double)row[5]!);
        Assert.Equal("160 MW", row[6]);
        Assert.Equal(1.6e8, (double)row[7]!);
        Assert.Equal("90 %", row[8]);
        Assert.Equal(plan.Comparison.Options[plan.Comparison.Criteria.Single(c => c.Key == "finish_p50").Winner!.Value], row[9]);
        // A failure scale of 2 (point 7 has the third scale) makes the owned cluster's training longer than at 0.5.
        var days = Query($"SELECT \"reliability.failure_rate_scale\", avg(o1_days_p50) FROM read_parquet('{m}') GROUP BY 1 ORDER BY 1");
        Assert.True((double)days[0][1]! < (double)days[^1][1]!);
        // The query of docs/sweeps.md runs on the merged file.
        var docsQuery = Query($"""
            SELECT "reliability.failure_rate_scale" AS failures,
                   min("power.site_limit#si") / 1e6 AS site_mw,
                   round(avg(o1_days_p50), 2)       AS days_p50,
                   round(min(o1_tco_usd) / 1e9, 3)  AS tco_busd
            FROM read_parquet('{m}')
            WHERE o1_feasible AND o1_days_p50 <= 20
            GROUP BY 1 ORDER BY 1
            """);
        Assert.NotEmpty(docsQuery);
        Assert.All(docsQuery, r => Assert.Equal(120.0, (double)r[1]!));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Merge_refuses_a_missing_a_duplicated_or_a_foreign_shard_with_the_file_named()
    {
        var (dir, sweep) = SmallSweep();
        var shards = RunShards(dir, sweep, 3);
        string outFile = Path.Combine(dir, "m.parquet");

        var missing = CliRunner.Run("sweep", "merge", outFile, shards[0], shards[2]);
        Assert.Equal(2, missing.Code);
        Assert.Contains("error KOL003: shards = '1': 1 of the 3 shards are missing", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("--shard 1/3", missing.Stderr, StringComparison.Ordinal);

        string copy = Path.Combine(dir, "copy-of-0.parquet");
        File.Copy(shards[0], copy);
        var duplicate = CliRunner.Run("sweep", "merge", outFile, shards[0], shards[1], shards[2], copy);
        Assert.Equal(2, duplicate.Code);
        Assert.Contains(copy + ": error KOL009: kolosseum.shard = '0/3': shard 0 is also in " + shards[0], duplicate.Stderr, StringComparison.Ordinal);

        string other = SweepFiles.Write(dir, SweepFiles.Small.Replace("seed: 7", "seed: 8", StringComparison.Ordinal), "other.yaml");
        string foreign = Path.Combine(dir, "foreign.parquet");
        Assert.Equal(0, CliRunner.Run("sweep", other, "--shard", "1/3", "--out", foreign, "--json").Code);
        var mixed = CliRunner.Run("sweep", "merge", outFile, shards[0], foreign, shards[2]);
        Assert.Equal(2, mixed.Code);
        Assert.Contains(foreign + ": error KOL013", mixed.Stderr, StringComparison.Ordinal);
        Assert.Contains("comes from another sweep", mixed.Stderr, StringComparison.Ordinal);

        string notParquet = Path.Combine(dir, "x.parquet");
        File.WriteAllText(notParquet, "not parquet");
        Assert.Contains(notParquet + ": error KOL015", CliRunner.Run("sweep", "merge", outFile, notParquet).Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outFile));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Json_output_is_one_document_and_check_counts_the_points()
    {
        var (dir, sweep) = SmallSweep();
        var (code, stdout, stderr) = CliRunner.Run("sweep", sweep, "--check", "--json");
        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(12, doc.RootElement.GetProperty("points").GetInt64());
        Assert.Equal(2, CliRunner.Run("sweep", sweep, "--shard", "2").Code);
        Assert.Equal(2, CliRunner.Run("sweep", sweep, "--shard", "4/4").Code);
        Directory.Delete(dir, recursive: true);
    }
}
