using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Sweeps;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum sweep FILE [--shard i/n]</c>: plans every point of a sweep (or one shard's share) and writes one
/// Parquet row per point; <c>kolosseum sweep merge OUT SHARD...</c> joins the shards (docs/sweeps.md).
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "Sweep file (YAML): base scenario, axes, plan settings" };
        var shard = new Option<string?>("--shard") { Description = "Run share i of n (0 <= i < n): point k runs in shard k mod n, e.g. --shard $SLURM_ARRAY_TASK_ID/4" };
        var output = new Option<string?>("--out") { Description = "Parquet file to write (default: FILE's name with .parquet, or .shard-i-of-n.parquet)" };
        var threads = new Option<string?>("--threads") { Description = "Points planned at once (default: all cores; results do not depend on it)" };
        var check = new Option<bool>("--check") { Description = "Check every point of the sweep (all shards) and print the point count; plan nothing" };
        var json = CommonOptions.Json();
        var command = new Command("sweep", "Plan many variations of a scenario (axes by product or zip), shard by shard, into Parquet")
        {
            file, shard, output, threads, check, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(shard), parse.GetValue(output), parse.GetValue(threads),
            parse.GetValue(check), parse.GetValue(json)));
        command.Subcommands.Add(SweepMergeCommand.Create(context));
        return command;
    }

    private static int Run(CliContext context, string path, string? shardText, string? output, string? threadsText, bool check, bool json)
    {
        var bag = new DiagnosticBag();
        var shard = ParseShard(shardText, bag);
        int? threads = new FlagValues(bag).Int("--threads", threadsText, 1, 1024);
        var spec = bag.HasErrors ? null : SweepFileReader.Load(path, bag);
        var points = spec is null ? null : SweepPoints.Create(spec, bag);
        if (spec is null || points is null || shard is null || bag.HasErrors) return context.Fail(bag);
        if (check)
        {
            if (!SweepRunner.Check(points, spec, Shard.All, bag)) return context.Fail(bag);
            if (json) Json.Write(context, new { sweep = spec.Name, sweep_hash = spec.Hash, points = spec.Points, axes = spec.Axes.Select(a => new { path = a.Path, values = a.Values.Count }) });
            else context.Stdout.WriteLine($"{spec.Name}: {spec.Points.Inv()} points, all valid (sweep {spec.Hash})");
            return ExitCodes.Success;
        }
        string target = output ?? DefaultOutput(path, shard.Value);
        if (Directory.Exists(target))
        {
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", target, "is a folder; --out names the Parquet file", "e.g. --out results/shard-0.parquet");
            return context.Fail(bag);
        }
        var kind = FileKinds.Of(target);
        if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Unknown))
        {
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", target, $"is {FileKinds.Describe(kind)}; --out only creates or replaces a regular file", "e.g. --out results/shard-0.parquet");
            return context.Fail(bag);
        }
        if (kind == FileKind.Regular && string.Equals(FileKinds.RealPath(target), FileKinds.RealPath(path), StringComparison.Ordinal))
        {
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", target, "is the sweep file itself; the results would overwrite it", "e.g. --out results/shard-0.parquet");
            return context.Fail(bag);
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(target));
        if (dir is not null && !Directory.Exists(dir))
        {
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", target, "its folder does not exist", "create it first (mkdir -p)");
            return context.Fail(bag);
        }

        var clock = Stopwatch.StartNew();
        var table = RunWithProgress(context, json, spec, points, new SweepRunOptions { Shard = shard.Value, Threads = threads }, bag);
        if (table is null) return context.Fail(bag);
        try
        {
            SweepParquet.Write(table, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", target, "cannot write the file: " + ex.Message);
            return context.Fail(bag);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long infeasible = table.Rows.Count(r => table.Columns.Select((c, i) => (c, i)).Any(x => x.c.Name.EndsWith("_feasible", StringComparison.Ordinal) && r[x.i] is false));
        if (json)
        {
            Json.Write(context, new
            {
                sweep = spec.Name, sweep_hash = spec.Hash, points = spec.Points, shard = shard.Value.Index, shards = shard.Value.Count,
                points_run = table.Rows.Count, points_with_an_infeasible_option = infeasible, file = target, seconds,
            });
        }
        else
        {
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name}: shard {shard.Value.Index}/{shard.Value.Count}, {table.Rows.Count:N0} of {spec.Points:N0} points planned in {seconds:0.0} s ({(table.Rows.Count == 0 ? 0 : seconds / table.Rows.Count):0.00} s a point), {infeasible:N0} with an option that could not be planned"));
            context.Stdout.WriteLine("written to " + TerminalText.Clean(target));
        }
        return ExitCodes.Success;
    }

    private static SweepTable? RunWithProgress(CliContext context, bool json, SweepSpec spec, SweepPoints points, SweepRunOptions options, DiagnosticBag bag)
    {
        if (!context.Interactive || json) return SweepRunner.Run(spec, points, options, bag);
        SweepTable? table = null;
        context.ErrorConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{TerminalText.Markup(spec.Name)}: shard {options.Shard.Index}/{options.Shard.Count}", maxValue: Math.Max(1, options.Shard.PointsOf(spec.Points)));
                table = SweepRunner.Run(spec, points, options with { Progress = new Progress<(long Done, long Total)>(p => task.Value = p.Done) }, bag);
            });
        return table;
    }

    private static string DefaultOutput(string sweepFile, Shard shard)
    {
        string stem = Path.GetFileNameWithoutExtension(sweepFile);
        return shard.Count == 1 ? stem + ".parquet" : $"{stem}.shard-{shard.Index.Inv()}-of-{shard.Count.Inv()}.parquet";
    }

    /// <summary>"i/n" with 0 <= i < n.</summary>
    private static Shard? ParseShard(string? text, DiagnosticBag bag)
    {
        if (text is null) return Shard.All;
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= 1_000_000)
        {
            if (i < n) return new Shard(i, n);
            bag.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("--shard"), "--shard", text, $"shard {i} does not exist: shards are numbered 0 to {n - 1}",
                "Slurm arrays and Kubernetes indexed jobs count from 0: --array=0-" + (n - 1).Inv());
            return null;
        }
        bag.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag("--shard"), "--shard", text, "expected i/n, two whole numbers with 0 <= i < n", "e.g. --shard 0/4");
        return null;
    }
}
