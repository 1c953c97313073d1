using System.Globalization;
using System.Text;
using Kolosseum.Diagnostics;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// validate and calibrate count the layouts their rows' searches would consider before searching any:
/// a file of rows with every layout cell empty is refused at the row that crosses the limit (exit 1, as
/// every work limit), and the published file stays far inside it.
/// </summary>
public sealed class ValidateWorkLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-work-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string RunsCsv = Path.Combine(AppContext.BaseDirectory, "TestData", "validation", "runs.csv");

    private static long Candidates(string path)
    {
        var bag = new DiagnosticBag();
        var runs = RunsCsvReader.Read(File.ReadAllText(path), path, Kolosseum.Catalog.Catalog.Embedded, bag);
        Assert.False(bag.HasErrors);
        var validator = new RunValidator(Kolosseum.Catalog.Catalog.Embedded);
        return runs.Select(validator.Prepare).Sum(p => p.Candidates);
    }

    /// <summary>The first published row with its layout cells emptied, on 4,096 GPUs, as many times as asked (ids made unique).</summary>
    private string EmptyLayouts(int rows)
    {
        string[] lines = File.ReadAllLines(RunsCsv);
        var header = lines[0].Split(',');
        // The first row's source is quoted with commas inside: split outside quotes only.
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        foreach (char c in lines[1])
        {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        Assert.Equal(header.Length, fields.Count);
        foreach (string column in new[] { "tp", "pp", "dp", "cp", "ep", "vpp", "micro_batch", "zero_stage", "recompute", "sequence_parallel" })
            fields[Array.IndexOf(header, column)] = "";
        fields[Array.IndexOf(header, "gpus")] = "4096";
        fields[Array.IndexOf(header, "global_batch")] = "4096";
        var text = new StringBuilder(lines[0]).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            fields[0] = "row-" + i.ToString(CultureInfo.InvariantCulture);
            text.Append(string.Join(',', fields)).Append('\n');
        }
        string path = Path.Combine(_folder, "empty.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void The_published_file_is_far_inside_the_limit()
    {
        long n = Candidates(RunsCsv);
        Assert.True(n > 0);
        Assert.True(n * 10 < RunValidator.MaxFileCandidates, n.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_file_of_empty_layouts_is_refused_at_the_row_that_crosses_the_limit()
    {
        string one = EmptyLayouts(1);
        long perRow = Candidates(one);
        int crossing = (int)(RunValidator.MaxFileCandidates / perRow) + 1; // the first row whose sum exceeds the limit
        string path = EmptyLayouts(crossing + 20);
        foreach (var args in new[] { new[] { "validate", "--runs", path }, ["calibrate", "--runs", path, "--gpu", "A100-SXM-80GB"] })
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.True(code == 1, stderr);
            Assert.Equal("", stdout);
            // Row k (0-based) is on line k + 2.
            Assert.Contains($"empty.csv:{crossing + 1}:1: error KOL010: id = 'row-{crossing - 1}': the layout searches of the rows up to this one would consider {(crossing * perRow).ToString(CultureInfo.InvariantCulture)} layouts", stderr, StringComparison.Ordinal);
            Assert.Contains("infeasible: no row was searched", stderr, StringComparison.Ordinal);
        }
    }
}
