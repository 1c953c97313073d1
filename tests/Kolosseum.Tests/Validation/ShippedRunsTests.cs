using System.Text.RegularExpressions;
using Kolosseum.Validation;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Validation;

/// <summary>The published runs travel with the tool, and what the docs tell a user to type names files a clone has.</summary>
public partial class ShippedRunsTests
{
    [Fact]
    public void The_embedded_runs_are_the_repository_file_and_its_schema_is_beside_it()
    {
        string root = Approvals.RepositoryRoot();
        string file = File.ReadAllText(Path.Combine(root, PublishedRuns.RepositoryPath));
        Assert.Equal(file.ReplaceLineEndings(), PublishedRuns.Text.ReplaceLineEndings());
        string schema = File.ReadAllText(Path.Combine(root, PublishedRuns.SchemaPath));
        foreach (var column in RunsCsvReader.RequiredColumns) Assert.Contains(column, schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_a_documented_command_names_exists_in_the_repository()
    {
        string root = Approvals.RepositoryRoot();
        var documents = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md")).ToList();
        var missing = new List<string>();
        foreach (var doc in documents)
        {
            foreach (var (line, i) in File.ReadLines(doc).Select((l, i) => (l, i + 1)))
            {
                if (line.Contains("shared/", StringComparison.Ordinal)) missing.Add($"{Path.GetFileName(doc)}:{i}: {line.Trim()}");
                foreach (Match m in FileArgument().Matches(line))
                {
                    string path = m.Groups["path"].Value;
                    if (path.Contains("FILE", StringComparison.Ordinal) || path.Contains('*') || path.StartsWith('/')) continue;
                    if (!File.Exists(Path.Combine(root, path))) missing.Add($"{Path.GetFileName(doc)}:{i}: {path}");
                }
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void A_runs_file_with_a_header_and_no_rows_points_to_a_schema_file_the_repository_has()
    {
        var bag = new Kolosseum.Diagnostics.DiagnosticBag();
        string header = string.Join(',', RunsCsvReader.RequiredColumns) + "\n";
        Assert.Empty(RunsCsvReader.Read(header, "runs.csv", Kolosseum.Catalog.Catalog.Embedded, bag));
        var suggestion = Assert.Single(bag.Items).Suggestion!;
        var named = SchemaReference().Match(suggestion);
        Assert.True(named.Success, suggestion);
        Assert.True(File.Exists(Path.Combine(Approvals.RepositoryRoot(), named.Groups["path"].Value)), suggestion);
    }

    [GeneratedRegex(@"schema: (?<path>[\w./-]+\.md)")]
    private static partial Regex SchemaReference();

    // A runs file or scenario given to a command: `--runs X.csv`, `plan scenarios/X.yaml`.
    [GeneratedRegex(@"(?:--runs\s+|kolosseum \w+\s+)(?<path>[\w./-]+\.(?:csv|yaml))")]
    private static partial Regex FileArgument();
}
