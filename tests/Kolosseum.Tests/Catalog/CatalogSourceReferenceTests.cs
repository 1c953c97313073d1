using System.Text.RegularExpressions;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Catalog;

/// <summary>
/// Every catalog source is readable by a user: a file it names is in this repository, and a section of
/// docs/sources.md it names is on that page. Sources naming a public document (a URL, a paper, another
/// project's file together with its repository) are not files of this repository and pass.
/// </summary>
public partial class CatalogSourceReferenceTests
{
    private static readonly string[] RepositoryFolders = ["src", "docs", "tests", "scenarios", "bench", "shared", ".."];

    [Fact]
    public void Every_source_names_only_files_in_the_repository_and_sections_that_exist()
    {
        string root = Approvals.RepositoryRoot();
        var sections = SectionHeading().Matches(File.ReadAllText(Path.Combine(root, "docs", "sources.md")))
            .Select(m => m.Groups["label"].Value).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entry in Kolosseum.Catalog.Catalog.Embedded.Entries)
        {
            var sources = entry.SourceByField.Select(kv => (Where: $"{entry.Kind}/{entry.Id}.{kv.Key}", Text: kv.Value))
                .Append(($"{entry.Kind}/{entry.Id}", entry.DefaultSource));
            foreach (var (where, text) in sources) problems.AddRange(Check(root, sections, text).Select(p => $"{where}: {p}"));
        }
        // The data files' comments explain the numbers too.
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src", "Kolosseum", "Catalog", "data"), "*.yaml"))
            problems.AddRange(Check(root, sections, File.ReadAllText(file)).Select(p => $"{Path.GetFileName(file)}: {p}"));
        Assert.Empty(problems.Distinct());
    }

    [Theory]
    [InlineData("shared/reference/cluster_facts.md §4.5")]
    [InlineData("economics_timeline.md §9.3")]
    [InlineData("docs/sources.md C9.9")]
    [InlineData("NCCL src/graph/tuning.cc")]
    public void A_reference_a_user_cannot_open_is_found(string source)
    {
        string root = Approvals.RepositoryRoot();
        Assert.NotEmpty(Check(root, new HashSet<string> { "C4.5" }, source));
    }

    [Theory]
    [InlineData("docs/sources.md C4.5")]
    [InlineData("NCCL (github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc)")]
    [InlineData("calibrated on src/Kolosseum/Validation/data/runs.csv (docs/performance-model.md)")]
    [InlineData("meta-llama/Llama-3.1-8B config.json")]
    public void A_readable_reference_passes(string source)
    {
        string root = Approvals.RepositoryRoot();
        Assert.Empty(Check(root, new HashSet<string> { "C4.5" }, source));
    }

    private static IEnumerable<string> Check(string root, IReadOnlySet<string> sections, string text)
    {
        foreach (Match m in FileToken().Matches(text))
        {
            string token = m.Value.TrimEnd('.');
            if (WebAddress().IsMatch(token)) continue;
            string first = token.Split('/')[0];
            bool repositoryPath = token.Contains('/') && RepositoryFolders.Contains(first);
            bool bareDocument = !token.Contains('/') && token.EndsWith(".md", StringComparison.Ordinal);
            if (repositoryPath && !File.Exists(Path.GetFullPath(Path.Combine(root, token))))
                yield return $"'{token}' is not a file of the repository";
            else if (bareDocument && !File.Exists(Path.Combine(root, token)) && !File.Exists(Path.Combine(root, "docs", token)))
                yield return $"'{token}' is not a document of the repository";
        }
        foreach (Match m in SourcesReference().Matches(text))
            foreach (Match label in Label().Matches(m.Groups["labels"].Value))
                if (!sections.Any(s => s == label.Value || s.StartsWith(label.Value + ".", StringComparison.Ordinal)))
                    yield return $"docs/sources.md has no section {label.Value}";
    }

    [GeneratedRegex(@"[\w./-]+\.(?:md|csv|yaml|cs|cc|py|json)\b")]
    private static partial Regex FileToken();

    [GeneratedRegex(@"^[\w-]+(?:\.[\w-]+)+/")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^### (?<label>[CER]\d+(?:\.\d+)?) ", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"docs/sources\.md (?<labels>[CER]\d+(?:\.\d+)?(?:(?:-|, | and )(?:docs/sources\.md )?[CER]\d+(?:\.\d+)?)*)")]
    private static partial Regex SourcesReference();

    [GeneratedRegex(@"[CER]\d+(?:\.\d+)?")]
    private static partial Regex Label();
}
