using System.CommandLine;
using System.Globalization;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Sweeps;
using Kolosseum.Units;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum sweep merge OUT SHARD...</c>: joins the shard files of one sweep into one Parquet file, ordered by
/// point, after checking that they come from the same sweep, that every shard is there once, and that every point
/// is there exactly once.
/// </summary>
internal static class SweepMergeCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Argument<string>("out") { Description = "The merged Parquet file to write" };
        var shards = new Argument<string[]>("shards") { Description = "The shard files (any order)", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("merge", "Join the shard files of a sweep into one Parquet file, checking none is missing or duplicated") { output, shards, json };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(shards)!, parse.GetValue(json)));
        return command;
    }

    private sealed record ShardFile(string Path, SweepTable Table, string Hash, long Points, int Index, int Count);

    private static int Run(CliContext context, string output, string[] paths, bool json)
    {
        var bag = new DiagnosticBag();
        var files = new List<ShardFile>();
        foreach (var p in paths.Distinct(StringComparer.Ordinal))
        {
            var f = Open(p, bag);
            if (f is not null) files.Add(f);
        }
        foreach (var dup in paths.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1))
            bag.Error(DiagnosticCodes.DuplicateKey, SourceLocation.ForFlag("merge"), "shards", dup.Key, "is named more than once");
        if (bag.HasErrors || files.Count == 0) return context.Fail(bag);

        var first = files[0];
        foreach (var f in files.Skip(1))
        {
            if (f.Hash != first.Hash)
                bag.Error(DiagnosticCodes.Inconsistent, At(f), SweepTable.SweepHashKey, f.Hash, $"comes from another sweep than {first.Path} ({first.Hash})", "merge only the shards of one sweep");
            else if (f.Count != first.Count || f.Points != first.Points)
                bag.Error(DiagnosticCodes.Inconsistent, At(f), SweepTable.ShardsKey, $"{f.Index}/{f.Count}", $"was run as one of {f.Count} shards, {first.Path} as one of {first.Count}", "run every shard with the same n");
            else if (!f.Table.Columns.SequenceEqual(first.Table.Columns))
                bag.Error(DiagnosticCodes.Inconsistent, At(f), "columns", null, $"has other columns than {first.Path}", "rerun the shard with the same version of kolosseum");
        }
        if (bag.HasErrors) return context.Fail(bag);

        foreach (var g in files.GroupBy(f => f.Index).Where(g => g.Count() > 1))
            bag.Error(DiagnosticCodes.DuplicateKey, At(g.Last()), SweepTable.ShardKey, $"{g.Key}/{first.Count}", $"shard {g.Key} is also in {g.First().Path}", "keep one file per shard");
        var missing = Enumerable.Range(0, first.Count).Where(i => files.All(f => f.Index != i)).ToList();
        if (missing.Count > 0)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("merge"), "shards", string.Join(", ", missing.Take(20).Select(i => i.Inv())) + (missing.Count > 20 ? ", ..." : ""),
                $"{missing.Count.Inv()} of the {first.Count.Inv()} shards are missing", $"run them (kolosseum sweep FILE --shard {missing[0].Inv()}/{first.Count.Inv()} ...) and merge again");

        var seen = new Dictionary<long, string>();
        var rows = new List<object?[]>();
        foreach (var f in files)
        {
            int pc = f.Table.ColumnIndex("point");
            var shard = new Shard(f.Index, f.Count);
            foreach (var row in f.Table.Rows)
            {
                long k = row[pc] is long v ? v : -1;
                if (k < 0 || k >= f.Points || !shard.Owns(k))
                    bag.Error(DiagnosticCodes.OutOfRange, At(f), "point", k.Inv(), $"is not a point of shard {f.Index}/{f.Count} of a {f.Points.Inv()}-point sweep", "the file was changed after it was written; rerun the shard");
                else if (!seen.TryAdd(k, f.Path))
                    bag.Error(DiagnosticCodes.DuplicateKey, At(f), "point", k.Inv(), $"is also in {seen[k]}", "rerun the shard");
                else rows.Add(row);
            }
            long expected = shard.PointsOf(f.Points);
            long have = f.Table.Rows.Count;
            if (have < expected)
            {
                var lost = shard.Points(f.Points).Where(k => !f.Table.Rows.Any(r => r[pc] is long x && x == k)).Take(10).Select(k => k.Inv());
                bag.Error(DiagnosticCodes.MissingField, At(f), "point", string.Join(", ", lost), $"the shard holds {have.Inv()} of its {expected.Inv()} points", "rerun the shard");
            }
        }
        if (bag.HasErrors) return context.Fail(bag);

        int pointColumn = first.Table.ColumnIndex("point");
        rows.Sort((a, b) => ((long)a[pointColumn]!).CompareTo((long)b[pointColumn]!));
        var metadata = new Dictionary<string, string>(first.Table.Metadata, StringComparer.Ordinal) { [SweepTable.ShardKey] = "merged" };
        try
        {
            SweepParquet.Write(new SweepTable(first.Table.Columns, rows, metadata), output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            bag.Error(DiagnosticCodes.FileError, new SourceLocation(output, 0, 0), "out", null, "cannot write the file: " + ex.Message);
            return context.Fail(bag);
        }
        if (json) Json.Write(context, new { file = output, sweep_hash = first.Hash, points = rows.Count, shards = first.Count });
        else context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {files.Count} shards, {UnitFormat.Count(rows.Count, "point")} (sweep {first.Hash}) into {TerminalText.Clean(output)}"));
        return ExitCodes.Success;
    }

    private static SourceLocation At(ShardFile f) => new(f.Path, 0, 0);

    private static ShardFile? Open(string path, DiagnosticBag bag)
    {
        var at = new SourceLocation(path, 0, 0);
        if (!File.Exists(path))
        {
            bag.Error(DiagnosticCodes.FileError, at, "", null, "file not found");
            return null;
        }
        SweepTable table;
        try
        {
            table = SweepParquet.Read(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            bag.Error(DiagnosticCodes.FileError, at, "", null, "is not a Parquet file Kolosseum can read: " + ex.Message, "pass the files that kolosseum sweep wrote");
            return null;
        }
        var m = table.Metadata;
        if (!m.TryGetValue(SweepTable.SweepHashKey, out var hash) || !m.TryGetValue(SweepTable.PointsKey, out var points) || !m.TryGetValue(SweepTable.ShardKey, out var index)
            || !m.TryGetValue(SweepTable.ShardsKey, out var count) || !long.TryParse(points, CultureInfo.InvariantCulture, out long p)
            || !int.TryParse(count, CultureInfo.InvariantCulture, out int n) || table.ColumnIndex("point") < 0)
        {
            bag.Error(DiagnosticCodes.FileError, at, "", null, "is not a shard of a Kolosseum sweep (its sweep metadata is missing)", "pass the files that kolosseum sweep wrote");
            return null;
        }
        if (!int.TryParse(index, CultureInfo.InvariantCulture, out int i))
        {
            bag.Error(DiagnosticCodes.Inconsistent, at, SweepTable.ShardKey, index, "is already a merged file", "merge the shard files themselves");
            return null;
        }
        return new ShardFile(path, table, hash, p, i, n);
    }
}
