namespace Kolosseum.Tests.Hardening;

/// <summary>
/// <c>plan --report</c> through the CLI: a folder is never replaced, parent folders are created only with
/// --create-dirs, every path problem is found before the plan runs, and the file appears whole (written to
/// a temporary file and renamed), with a user's markup only escaped.
/// </summary>
public sealed class ReportPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kolosseum-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Tiny => Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml");

    private static (int Code, string Stdout, string Stderr) Plan(string scenario, params string[] flags) =>
        CliRunner.Run(["plan", scenario, "--trials", "20", "--no-what-if", .. flags]);

    [Fact]
    public void A_folder_is_refused_and_left_as_it_was()
    {
        string folder = Path.Combine(_root, "out");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "keep");
        foreach (string path in new[] { folder, folder + Path.DirectorySeparatorChar })
        {
            var (code, stdout, stderr) = Plan(Tiny, "--report", path, "--create-dirs");
            Assert.Equal(2, code);
            Assert.Equal("", stdout); // refused before the plan ran
            Assert.Contains("--report: error KOL015:", stderr, StringComparison.Ordinal);
            Assert.Contains("is a folder", stderr, StringComparison.Ordinal);
        }
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_parent_folder_is_created_only_with_create_dirs()
    {
        string path = Path.Combine(_root, "a", "b", "plan.html");

        var (refused, stdout, stderr) = Plan(Tiny, "--report", path);
        Assert.Equal(2, refused);
        Assert.Equal("", stdout);
        Assert.Contains("does not exist; create it, or add --create-dirs", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "a")));

        var (code, _, written) = Plan(Tiny, "--report", path, "--create-dirs");
        Assert.Equal(0, code);
        Assert.Contains("report written to", written, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_path_is_refused_before_the_plan_runs(string path)
    {
        var (code, stdout, stderr) = Plan(Tiny, "--report", path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--report: error KOL015:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_that_is_a_file_is_refused_even_with_create_dirs()
    {
        string file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        var (code, _, stderr) = Plan(Tiny, "--report", Path.Combine(file, "plan.html"), "--create-dirs");
        Assert.Equal(2, code);
        Assert.Contains("a parent of it is a file", stderr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void An_old_report_is_replaced_whole_and_no_temporary_file_stays()
    {
        string path = Path.Combine(_root, "plan.html");
        File.WriteAllText(path, new string('x', 5_000_000)); // longer than the new report: no tail may remain
        var (code, _, stderr) = Plan(Tiny, "--report", path);
        Assert.True(code == 0, stderr);
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxxxx", html, StringComparison.Ordinal);
        Assert.Equal(["plan.html"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_model_named_like_a_script_appears_in_the_report_only_escaped()
    {
        string scenario = Path.Combine(_root, "script.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Tiny)
            .Replace("model: llama3.1-8b", "model: {base: llama3.1-8b, id: x, name: \"<script>alert(1)</script>\"}", StringComparison.Ordinal)
            .Replace("name: rent 16", "name: \"<img src=x onerror=alert(2)>\"", StringComparison.Ordinal));
        string path = Path.Combine(_root, "script.html");

        var (code, _, stderr) = Plan(scenario, "--report", path);

        Assert.True(code == 0, stderr);
        string html = File.ReadAllText(path);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
    }
}
