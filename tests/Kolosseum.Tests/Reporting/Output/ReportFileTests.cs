using Kolosseum.Diagnostics;
using Kolosseum.Reporting.Output;

namespace Kolosseum.Tests.Reporting.Output;

public sealed class ReportFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kolosseum-reportfile-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string InRoot(params string[] parts) => Path.Combine([_root, .. parts]);

    [Fact]
    public void Writes_a_new_file_and_replaces_an_old_one_whole()
    {
        string path = InRoot("report.html");
        Assert.True(ReportFile.WriteAtomically(path, "first, longer content", createParents: false).Ok);
        Assert.True(ReportFile.WriteAtomically(path, "second", createParents: false).Ok);
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Writes_utf8_without_a_byte_order_mark()
    {
        string path = InRoot("r.html");
        Assert.True(ReportFile.WriteAtomically(path, "µ", createParents: false).Ok);
        Assert.Equal(new byte[] { 0xC2, 0xB5 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Refuses_to_replace_a_folder()
    {
        Directory.CreateDirectory(InRoot("out"));
        foreach (string path in new[] { InRoot("out"), InRoot("out") + Path.DirectorySeparatorChar })
        {
            var result = ReportFile.WriteAtomically(path, "x", createParents: true);
            Assert.Equal(ReportWriteError.IsDirectory, result.Error);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(InRoot("out")));
    }

    [Fact]
    public void Creates_missing_parent_folders_only_when_asked()
    {
        string path = InRoot("a", "b", "report.html");
        var refused = ReportFile.WriteAtomically(path, "x", createParents: false);
        Assert.Equal(ReportWriteError.ParentMissing, refused.Error);
        Assert.False(Directory.Exists(InRoot("a")));

        Assert.True(ReportFile.WriteAtomically(path, "x", createParents: true).Ok);
        Assert.Equal("x", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_in_the_way_of_a_parent_folder_is_reported()
    {
        File.WriteAllText(InRoot("plain"), "keep");
        var result = ReportFile.WriteAtomically(InRoot("plain", "sub", "r.html"), "x", createParents: true);
        Assert.Equal(ReportWriteError.ParentNotDirectory, result.Error);
        Assert.Equal("keep", File.ReadAllText(InRoot("plain")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\0b.html")]
    [InlineData("no-such-folder/")]
    public void Malformed_paths_are_refused(string path) =>
        Assert.Equal(ReportWriteError.InvalidPath, ReportFile.WriteAtomically(path, "x", createParents: true).Error);

    [Fact]
    public void The_bytes_go_to_a_temporary_file_beside_the_target_until_complete()
    {
        string path = InRoot("report.html");
        File.WriteAllText(path, "old");
        string[] seenDuringWrite = [];
        var result = ReportFile.WriteAtomically(path, stream =>
        {
            stream.Write("new"u8);
            seenDuringWrite = Directory.GetFiles(_root).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal("old", File.ReadAllText(path)); // the target is untouched while writing
        }, createParents: false);

        Assert.True(result.Ok);
        Assert.Equal(2, seenDuringWrite.Length);
        // A short name of its own (prefix, 16 hex digits, suffix), never derived from a long target name.
        Assert.Matches(@"^\.kolosseum-[0-9a-f]{16}\.tmp$", seenDuringWrite[0]);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_halfway_leaves_the_old_report_and_no_temporary_file()
    {
        string path = InRoot("report.html");
        File.WriteAllText(path, "old report");
        Assert.Throws<InvalidOperationException>(() => ReportFile.WriteAtomically(path, stream =>
        {
            stream.Write("<html><body>half"u8);
            stream.Flush();
            throw new InvalidOperationException("render failed");
        }, createParents: false));

        Assert.Equal("old report", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Concurrent_writers_each_leave_a_whole_file()
    {
        string path = InRoot("report.html");
        string[] contents = [.. Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 200_000))];
        Parallel.ForEach(contents, c => Assert.True(ReportFile.WriteAtomically(path, c, createParents: false).Ok));
        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(["report.html"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Errors_map_to_a_file_diagnostic_on_the_flag()
    {
        var result = ReportFile.WriteAtomically(InRoot("missing", "r.html"), "x", createParents: false);
        var diagnostic = result.ToDiagnostic("--report");
        Assert.Equal(DiagnosticCodes.FileError, diagnostic.Code);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("--report", diagnostic.Location.File);
        Assert.Equal(InRoot("missing", "r.html"), diagnostic.Value);
        Assert.Contains("does not exist", diagnostic.Rule, StringComparison.Ordinal);
        Assert.NotNull(diagnostic.Suggestion);
    }
}
