using System.Text.Json;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Scenarios;

/// <summary>
/// Every file in scenarios/ is what a user copies first, so every one must plan: exit 0 (answered) or 1
/// (an option is infeasible, explained), never a stack trace, and its JSON must parse. The project file
/// copies scenarios/*.yaml next to the tests, so a new example is picked up without touching this file.
/// </summary>
public class ExampleScenariosTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "scenarios");

    private static IEnumerable<string> Names() => Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f));

    public static TheoryData<string> Files() => new(Names());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_example_plans_without_a_stack_trace_and_its_json_parses(string file)
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", Path.Combine(Folder, file), "--trials", "50", "--no-what-if", "--json");

        Assert.True(code is 0 or 1, $"exit code {code}: {stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        // Each option of the file is either planned or listed as infeasible with its reason.
        int options = root.GetProperty("scenario").GetProperty("options").GetArrayLength();
        int planned = root.GetProperty("options").GetArrayLength();
        int infeasible = root.GetProperty("infeasible").GetArrayLength();
        Assert.Equal(options, planned + infeasible);
        Assert.Equal(code == 1, planned == 0);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("answer").GetString()));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_example_opens_with_a_comment_saying_what_it_asks(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.True(lines.TakeWhile(l => l.StartsWith('#')).Count() >= 3, "a few lines of comment: the question and where its numbers come from");
    }

    [Fact]
    public void The_default_question_file_is_the_embedded_default_scenario()
    {
        string file = File.ReadAllText(Path.Combine(Folder, "rent-24k-vs-build-100k-h100.yaml"));
        Assert.Equal(ScenarioLoader.DefaultText.ReplaceLineEndings("\n"), file.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_examples_cover_the_questions_the_docs_promise()
    {
        var scenarios = Names().Select(f =>
        {
            var bag = new Kolosseum.Diagnostics.DiagnosticBag();
            return ScenarioLoader.Load(Path.Combine(Folder, f), bag) ?? throw new InvalidOperationException(f + ": " + string.Join("; ", bag.Items));
        }).ToList();

        Assert.Contains(scenarios, s => s.Model.IsMoe);
        Assert.Contains(scenarios, s => s.Options.Any(o => o.Gpu.Id == "B200") && s.Options.Any(o => o.Gpu.Id == "H100-SXM-80GB"));
        Assert.Contains(scenarios, s => s.Options.Any(o => o.Layout is not null) && s.Catalog != Kolosseum.Catalog.Catalog.Embedded);
        Assert.Contains(scenarios, s => s.Sections.Get<Kolosseum.Power.PowerSettings>().SiteLimit is { } limit
            && s.Options.Any(o => o.Gpus * o.Node.PowerMax.Value / o.Node.GpusPerNode > limit.Value));
    }
}
