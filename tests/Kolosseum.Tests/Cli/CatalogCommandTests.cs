namespace Kolosseum.Tests.Cli;

public class CatalogCommandTests
{
    private static (int Code, string Out, string Err) Run(int width, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(args, stdout, stderr, interactive: false, width: width);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void A_kind_lists_one_short_row_per_entry_that_fits_the_terminal(int width)
    {
        var (code, output, err) = Run(width, "catalog", "gpus");
        Assert.True(code == 0, err);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        var gpus = Kolosseum.Catalog.Catalog.Embedded.Ids("gpus");
        foreach (var id in gpus) Assert.Contains(lines, l => l.TrimStart().StartsWith(id + " ", StringComparison.Ordinal));
        Assert.InRange(lines.Count, gpus.Count, 4 * gpus.Count + 10); // a long name may wrap; no field-per-line listing
        Assert.Contains("HBM (GiB)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_shows_every_number_with_its_source_and_a_wrong_id_is_located()
    {
        var (code, output, err) = Run(120, "catalog", "gpus", "H200-SXM-141GB");
        Assert.True(code == 0, err);
        Assert.Contains("efficiency.memory_reserve", output, StringComparison.Ordinal);
        Assert.Contains("143,771 MiB", output.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("gpus (1)", output, StringComparison.Ordinal); // that entry only

        var (bad, _, badErr) = Run(120, "catalog", "gpus", "H200");
        Assert.Equal(2, bad);
        Assert.Contains("did you mean 'H200-SXM-141GB'", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_lists_every_field_of_every_entry()
    {
        var (code, wide, _) = Run(120, "catalog", "gpus", "--wide");
        var (_, compact, _) = Run(120, "catalog", "gpus");
        Assert.Equal(0, code);
        Assert.Contains("efficiency.allocator_overhead", wide, StringComparison.Ordinal);
        Assert.DoesNotContain("efficiency.allocator_overhead", compact, StringComparison.Ordinal);
    }
}
