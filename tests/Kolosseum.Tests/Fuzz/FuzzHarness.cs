using System.Diagnostics;
using System.Text.Json;

namespace Kolosseum.Tests.Fuzz;

/// <summary>What one run of the CLI on one input did, and whether that breaks the contract.</summary>
internal sealed record FuzzOutcome(Mutant Mutant, string Command, int Code, double Seconds, string? Failure);

/// <summary>
/// Runs mutated scenario files through the CLI in-process and checks the contract every run must keep:
/// exit code 0, 1 or 2; no stack trace and no "internal error"; one JSON document on stdout for 0 and 1;
/// at least one located diagnostic for 2; and an end within the per-case timeout (a hang otherwise).
/// </summary>
internal sealed class FuzzHarness : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kolosseum-fuzz-" + Guid.NewGuid().ToString("N"));
    private readonly TimeSpan _timeout;

    public FuzzHarness(TimeSpan timeout)
    {
        _timeout = timeout;
        Directory.CreateDirectory(_folder);
    }

    /// <summary>The seed files: every file in scenarios/ (copied next to the tests by the project file).</summary>
    public static IReadOnlyList<(string Name, string Text)> Seeds() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];

    /// <summary>Runs <paramref name="args"/> with the mutant's file in place of "{file}".</summary>
    public FuzzOutcome Run(Mutant mutant, params string[] args)
    {
        string file = Path.Combine(_folder, $"case-{mutant.Index}.yaml");
        File.WriteAllBytes(file, mutant.Bytes);
        var argv = args.Select(a => a == "{file}" ? file : a).ToArray();
        string command = string.Join(' ', args);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watch = Stopwatch.StartNew();
        // A worker thread, so that a hang shows as a timeout instead of stopping the test run.
        var task = Task.Factory.StartNew(() => Kolosseum.Cli.Cli.Run(argv, stdout, stderr, interactive: false),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(_timeout))
            return new FuzzOutcome(mutant, command, -1, watch.Elapsed.TotalSeconds, $"no end within {_timeout.TotalSeconds} s (a hang)");
        double seconds = watch.Elapsed.TotalSeconds;
        string? failure = Check(task.Result, stdout.ToString(), stderr.ToString(), args.Contains("--json"));
        if (failure is not null) failure += $" (input kept as {Keep(file, mutant)})";
        File.Delete(file);
        return new FuzzOutcome(mutant, command, task.Result, seconds, failure);
    }

    /// <summary>A failing input is copied next to the test binaries, to rerun it by hand.</summary>
    private static string Keep(string file, Mutant mutant)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "fuzz-failures");
        Directory.CreateDirectory(folder);
        string kept = Path.Combine(folder, $"case-{mutant.Index}-{Path.GetFileNameWithoutExtension(mutant.Seed)}.yaml");
        File.Copy(file, kept, overwrite: true);
        return kept;
    }

    private static string? Check(int code, string stdout, string stderr, bool json)
    {
        if (code is not (0 or 1 or 2)) return $"exit code {code}: {FirstLines(stderr)}";
        if (stderr.Contains("internal error", StringComparison.Ordinal) || stderr.Contains("\n   at ", StringComparison.Ordinal)
            || stdout.Contains("\n   at ", StringComparison.Ordinal))
            return "a stack trace or internal error: " + FirstLines(stderr);
        if (code == 2)
        {
            if (!stderr.Contains(": error KOL", StringComparison.Ordinal)) return "exit code 2 without a diagnostic: " + FirstLines(stderr);
            // With --json the diagnostics are the one document on stdout; without it stdout stays empty.
            if (!json) return stdout.Length > 0 ? "exit code 2 with output on stdout" : null;
            try
            {
                using var doc = JsonDocument.Parse(stdout);
                return doc.RootElement.TryGetProperty("diagnostics", out var list) && list.GetArrayLength() > 0
                    ? null : "exit code 2 without the diagnostics as JSON on stdout";
            }
            catch (JsonException ex)
            {
                return "exit code 2 and stdout is not one JSON document: " + ex.Message;
            }
        }
        if (!json) return null;
        try
        {
            using var _ = JsonDocument.Parse(stdout);
            return null;
        }
        catch (JsonException ex)
        {
            return "stdout is not one JSON document: " + ex.Message;
        }
    }

    private static string FirstLines(string text) => string.Join(" | ", text.Split('\n').Take(3));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A timed-out case may still hold its file; the folder is in the temporary directory.
        }
    }
}

/// <summary>Counts by exit code, the slowest case and the failures, for the test output.</summary>
internal sealed class FuzzSummary
{
    private readonly List<FuzzOutcome> _outcomes = [];

    public void Add(FuzzOutcome outcome)
    {
        lock (_outcomes) _outcomes.Add(outcome);
    }

    public IReadOnlyList<FuzzOutcome> Failures => [.. _outcomes.Where(o => o.Failure is not null).OrderBy(o => o.Mutant.Index)];

    public int Count(string commandPrefix) => _outcomes.Count(o => o.Command.StartsWith(commandPrefix, StringComparison.Ordinal));

    public string Describe(int inputs, TimeSpan elapsed)
    {
        var lines = new List<string> { $"{inputs} mutated inputs, {_outcomes.Count} runs in {elapsed.TotalSeconds:F1} s" };
        foreach (var group in _outcomes.GroupBy(o => o.Command.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var codes = group.GroupBy(o => o.Code).OrderBy(g => g.Key).Select(g => $"exit {g.Key}: {g.Count()}");
            var slowest = group.MaxBy(o => o.Seconds)!;
            lines.Add($"  {group.Key}: {group.Count()} runs ({string.Join(", ", codes)}); slowest {slowest.Seconds:F2} s: case {slowest.Mutant.Index} of {slowest.Mutant.Seed} ({slowest.Mutant.Description})");
        }
        foreach (var f in Failures.Take(20))
            lines.Add($"  FAILED case {f.Mutant.Index} of {f.Mutant.Seed} ({f.Mutant.Description}), '{f.Command}': {f.Failure}");
        return string.Join('\n', lines);
    }
}
