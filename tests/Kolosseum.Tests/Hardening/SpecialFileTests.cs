using System.Diagnostics;
using Kolosseum.Diagnostics;
using Kolosseum.Reporting.Output;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Files the tool must never touch or wait on: a report is never renamed over a device, a FIFO or the
/// scenario it came from; a FIFO or a device is never read (opening a FIFO waits for a writer without end);
/// the temporary file of a write has a short name of its own and is removed when the write fails or the
/// process is stopped. Each refusal is located (the flag or the file) and exits 2.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kolosseum-special-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Tiny => Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml");

    private static bool Unix => !OperatingSystem.IsWindows();

    private string Fifo(string name)
    {
        string path = Path.Combine(_root, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(path));
        return path;
    }

    /// <summary>Runs the CLI on a worker thread and fails, instead of hanging the test run, if it does not return.</summary>
    private static (int Code, string Stdout, string Stderr) Bounded(params string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(args));
        Assert.True(run.Wait(TimeSpan.FromMinutes(2)), "the command did not return: it is waiting on " + string.Join(' ', args));
        return run.Result;
    }

    [Fact]
    public void File_kinds_are_told_without_opening()
    {
        if (!Unix) return;
        Assert.Equal(FileKind.Regular, FileKinds.Of(Tiny));
        Assert.Equal(FileKind.Directory, FileKinds.Of(_root));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(_root, "none")));
        Assert.Equal(FileKind.Fifo, FileKinds.Of(Fifo("kind.fifo")));
    }

    [Fact]
    public void A_report_onto_a_device_is_refused_and_the_device_stays()
    {
        if (!Unix) return;
        var (code, stdout, stderr) = Bounded("plan", Tiny, "--trials", "20", "--no-what-if", "--report", "/dev/null");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--report: error KOL015: --report = '/dev/null': is a character device; a report only creates or replaces a regular file", stderr, StringComparison.Ordinal);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public void A_report_onto_a_fifo_is_refused_and_the_fifo_stays()
    {
        if (!Unix) return;
        string fifo = Fifo("report.fifo");
        var (code, _, stderr) = Bounded("plan", Tiny, "--trials", "20", "--no-what-if", "--report", fifo);
        Assert.Equal(2, code);
        Assert.Contains("is a FIFO (named pipe); a report only creates or replaces a regular file", stderr, StringComparison.Ordinal);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
    }

    [Fact]
    public void A_report_onto_its_own_scenario_is_refused_by_any_name()
    {
        string scenario = Path.Combine(_root, "x.yaml");
        File.Copy(Tiny, scenario);
        string link = Path.Combine(_root, "link.yaml");
        if (Unix) File.CreateSymbolicLink(link, scenario);
        string before = File.ReadAllText(scenario);
        foreach (string target in Unix ? new[] { scenario, Path.Combine(_root, ".", "x.yaml"), link } : [scenario])
        {
            var (code, stdout, stderr) = Bounded("plan", scenario, "--trials", "20", "--no-what-if", "--report", target);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains($"is the input file '{scenario}'; the report would overwrite it", stderr, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllText(scenario));
    }

    [Fact]
    public void A_fifo_as_input_is_refused_at_once_not_waited_on()
    {
        if (!Unix) return;
        string fifo = Fifo("input.fifo");
        foreach (var args in new[] { new[] { "plan", fifo }, ["validate", "--runs", fifo], ["calibrate", "--runs", fifo, "--gpu", "H100-SXM-80GB"], ["cost", fifo] })
        {
            var (code, stdout, stderr) = Bounded(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains($"{fifo}: error KOL015:", stderr, StringComparison.Ordinal);
            Assert.Contains("is a FIFO (named pipe), not a regular file; only regular files are read", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_device_as_input_is_refused_before_it_is_read()
    {
        if (!Unix) return;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (code, _, stderr) = Bounded("plan", "/dev/zero");
        Assert.Equal(2, code);
        Assert.Contains("/dev/zero: error KOL015: is a character device, not a regular file", stderr, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16L * 1024 * 1024);
    }

    [Theory]
    [InlineData(208)]
    [InlineData(240)]
    [InlineData(255)]
    public void Report_names_up_to_255_bytes_are_written(int bytes)
    {
        string name = new string('r', bytes - ".html".Length) + ".html";
        string path = Path.Combine(_root, name);
        var (code, _, stderr) = Bounded("plan", Tiny, "--trials", "20", "--no-what-if", "--report", path);
        Assert.True(code == 0, stderr);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal([name], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_throws_leaves_no_temporary_file()
    {
        string path = Path.Combine(_root, "thrown.html");
        Assert.Throws<InvalidOperationException>(() => ReportFile.WriteAtomically(path, _ => throw new InvalidOperationException("render failed"), createParents: false));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }
}

/// <summary>
/// What the signal handlers do (TempFiles.DeleteAll) removes every temporary file of the process, so this
/// runs alone: a report written by a test running beside it would lose its temporary file.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalCleanupGroup
{
    public const string Name = "signal cleanup";
}

[Collection(SignalCleanupGroup.Name)]
public sealed class SignalCleanupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kolosseum-signal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_write_stopped_midway_leaves_no_temporary_file()
    {
        string path = Path.Combine(_root, "stopped.html");
        // A signal arriving while the bytes are written: the temporary file goes, the target never appears.
        var result = ReportFile.WriteAtomically(path, stream =>
        {
            stream.Write(new byte[1000]);
            var temp = Assert.Single(Directory.GetFiles(_root));
            Assert.Matches(@"^\.kolosseum-[0-9a-f]{16}\.tmp$", Path.GetFileName(temp));
            TempFiles.DeleteAll();
        }, createParents: false);
        Assert.False(result.Ok);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }
}
