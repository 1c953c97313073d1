namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Broken CSV files of runs for validate and calibrate: each problem is a located KOL diagnostic, all of
/// them at once, exit code 2, and no row is validated from a file that has one.
/// </summary>
public sealed class RunsCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "validation", "runs.csv"));

    private static string Header => Lines[0];

    private static string Row(string id) => Lines.Skip(1).First(l => l.StartsWith(id + ",", StringComparison.Ordinal));

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "runs.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private (int Code, string Stdout, string Stderr) Validate(string text, bool json = false) =>
        CliRunner.Run(json ? ["validate", "--runs", Write(text), "--json"] : ["validate", "--runs", Write(text)]);

    [Fact]
    public void A_header_without_rows_says_so_for_validate_and_calibrate()
    {
        string path = Write(Header + "\n");
        foreach (var args in new[] { new[] { "validate", "--runs", path }, ["calibrate", "--runs", path, "--gpu", "H100-SXM-80GB"] })
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("runs.csv:2:1: error KOL016:", stderr, StringComparison.Ordinal);
            Assert.Contains("the file has a header but no rows", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Duplicate_ids_are_a_located_error_and_exit_2()
    {
        string row = Row("korthikanti-22b-full");
        var (code, stdout, stderr) = Validate(Header + "\n" + row + "\n" + row + "\n");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("runs.csv:3:1: error KOL009: id = 'korthikanti-22b-full': two rows have the same id", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_multi_line_cell_keeps_the_lines_of_the_cells_after_it()
    {
        // The notes cell spans two lines; the next row starts on line 4, and its bad cell is located there.
        string good = Row("korthikanti-22b-full");
        string multi = good[..good.LastIndexOf(',')] + ",\"first line\nsecond line\"";
        string bad = Row("korthikanti-22b-selective").Replace(",A100-SXM-80GB,", ",A100-SXM-80GBX,", StringComparison.Ordinal);
        var (code, _, stderr) = Validate(Header + "\n" + multi + "\n" + bad + "\n");
        Assert.Equal(2, code);
        int column = bad.IndexOf("A100-SXM-80GBX", StringComparison.Ordinal) + 1;
        Assert.Contains($"runs.csv:4:{column}: error KOL016: gpu = 'A100-SXM-80GBX': unknown gpu", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_multi_line_cell_is_located_at_its_start()
    {
        string good = Row("korthikanti-22b-full");
        string open = good[..good.LastIndexOf(',')] + ",\"first line\nsecond line";
        var (code, _, stderr) = Validate(Header + "\n" + open + "\n");
        Assert.Equal(2, code);
        Assert.Contains($"runs.csv:2:{good.LastIndexOf(',') + 2}: error KOL016: a quoted field is not closed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_named_twice_is_refused_at_the_second()
    {
        int gpus = Header.Split(',').ToList().IndexOf("gpus");
        string header = Header + ",gpus";
        string row = Row("korthikanti-22b-full") + ",1024";
        var (code, _, stderr) = Validate(header + "\n" + row + "\n");
        Assert.Equal(2, code);
        Assert.Contains($"runs.csv:1:{Header.Length + 2}: error KOL016: gpus: this column appears twice in the header (also column {gpus + 1})", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Heads_that_do_not_divide_hidden_are_refused_with_a_divisor_near_them()
    {
        string row = Row("korthikanti-22b-full").Replace(",48,6144,64,64,", ",48,1000,7,7,", StringComparison.Ordinal);
        var (code, _, stderr) = Validate(Header + "\n" + row + "\n");
        Assert.Equal(2, code);
        Assert.Contains("heads = '7': heads must divide the hidden size (1000) when head_dim is not given: the head size would be 142.857; a divisor of 1000 near it: 8, or a head_dim column", stderr, StringComparison.Ordinal);
    }
}
