using System.Text.Json;
using System.Text.RegularExpressions;
using Kolosseum.Tests.TestSupport;
using Kolosseum.Units;

namespace Kolosseum.Tests.Cli;

/// <summary>What a first run shows: plurals, suggestions that parse, diagnostics as JSON, help, one number format.</summary>
public partial class NewUserOutputTests
{
    [Theory]
    [InlineData(1.0, "1 day")]
    [InlineData(0.9996, "1 day")] // printed as 1, so singular
    [InlineData(1.04, "1.04 days")]
    [InlineData(0.5, "0.5 days")]
    [InlineData(157.3, "157 days")]
    [InlineData(0.0, "0 days")]
    public void Days_are_singular_only_when_the_printed_number_is_one(double days, string text) =>
        Assert.Equal(text, UnitFormat.Days(days));

    [Fact]
    public void Counts_group_thousands_and_take_the_singular_for_one()
    {
        Assert.Equal("1 GPU", UnitFormat.Count(1, "GPU"));
        Assert.Equal("8,192 GPUs", UnitFormat.Count(8192, "GPU"));
        Assert.Equal("1 hot-spare node", UnitFormat.Count(1, "hot-spare node"));
        Assert.Equal("2 errors", UnitFormat.Count(2, "error"));
        Assert.Equal("100,000", UnitFormat.Count(100_000));
        Assert.Equal("35.3 %", UnitFormat.Percent(0.35349));
        Assert.Equal("0.0 %", UnitFormat.Percent(-0.00001));
        Assert.Equal("83 %", UnitFormat.Percent(0.83, 0));
    }

    [Fact]
    public void A_count_that_is_not_a_number_suggests_forms_that_parse_as_a_count()
    {
        var (code, _, err) = CliRunner.Run("fabric", "--gpus", "abc");
        Assert.Equal(2, code);
        Assert.DoesNotContain("15T", err, StringComparison.Ordinal);
        var suggested = Regex.Matches(err, "'([^']+)'").Select(m => m.Groups[1].Value).Where(v => v != "abc").ToList();
        Assert.NotEmpty(suggested);
        // Every suggested form is a GPU count the same flag accepts.
        foreach (var form in suggested)
        {
            var (ok, _, okErr) = CliRunner.Run("fabric", "--gpus", form, "--json");
            Assert.True(ok == 0, $"--gpus {form}: {okErr}");
        }
    }

    [Theory]
    [InlineData("fabric", "--gpus", "abc", "--json")]
    [InlineData("search", "--gpus", "abc", "--json")]
    [InlineData("plan", "no-such-file.yaml", "--json")]
    [InlineData("validate", "--runs", "no-such-runs.csv", "--json")]
    [InlineData("estimate", "--tp", "3", "--gpu", "H100-SXM-80GB", "--gpus", "8", "--model", "llama3.1-8b", "--json")]
    public void Json_with_bad_input_writes_the_diagnostics_as_one_json_document_on_stdout(params string[] args)
    {
        var (code, output, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        using var doc = JsonDocument.Parse(output); // the whole of stdout is one document
        var root = doc.RootElement;
        Assert.True(root.GetProperty("errors").GetInt32() >= 1);
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        foreach (var d in diagnostics)
        {
            foreach (var key in new[] { "file", "line", "column", "field", "value", "rule", "suggestion" })
                Assert.True(d.TryGetProperty(key, out _), $"no '{key}' in {d}");
            Assert.False(string.IsNullOrEmpty(d.GetProperty("rule").GetString()));
            // The terminal's line for it is still on stderr.
            Assert.Contains(d.GetProperty("message").GetString()!, err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Top_level_help_writes_each_commands_arguments_as_its_own_usage_line_does()
    {
        var (code, help, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        var commands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)) // not a wrapped description
            .Select(l => l.Trim()).ToList();
        Assert.True(commands.Count >= 10, help);
        foreach (var line in commands)
        {
            string name = line.Split(' ')[0];
            var (c, own, _) = CliRunner.Run(name, "--help");
            Assert.Equal(0, c);
            // "kolosseum plan [<scenario>] [options]" (the host's name first): what stands between the name and "[options]".
            var usage = Regex.Match(own, @"Usage:\s+\S+ " + Regex.Escape(name) + @"(?<args>( \[?<[^\n]*?)?) \[options\]");
            Assert.True(usage.Success, own);
            string args = usage.Groups["args"].Value.Replace(" [command]", "", StringComparison.Ordinal).Trim(); // a command with subcommands
            Assert.StartsWith(args.Length == 0 ? name + " " : name + " " + args + " ", line + " ", StringComparison.Ordinal);
        }
        Assert.Contains(commands, l => l.StartsWith("plan [<scenario>] ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Every_help_page_fits_the_terminal_width(int width)
    {
        static (int Code, string Out) Help(int width, params string[] args)
        {
            var stdout = new StringWriter();
            int code = Kolosseum.Cli.Cli.Run(args, stdout, new StringWriter(), interactive: false, width: width);
            return (code, stdout.ToString());
        }
        var (code, top) = Help(width, "--help");
        Assert.Equal(0, code);
        var pages = new List<(string Name, string Text)> { ("--help", top) };
        var names = top[top.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.True(names.Count >= 10, top);
        foreach (var name in names) pages.Add((name, Help(width, name, "--help").Out));
        foreach (var (name, text) in pages)
        {
            // The catalog-id options once listed every id as the value's name, 190 columns before the description.
            foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
                Assert.True(line.Length <= width, $"{name}: {line.Length} columns: {line}");
        }
        Assert.Contains("--model <id>", pages.Single(p => p.Name == "search").Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"ToString\(""(N0|P0|P1|F1|F2)""|:N0\}|:P[0-9]\}|Inv\(""P[0-9]""\)|\* 100\)\.Inv\(""0\.0""\)")]
    private static partial Regex AdHocFormat();

    [Fact]
    public void Command_renderers_format_counts_and_percentages_through_the_one_helper()
    {
        var dir = Path.Combine(Approvals.RepositoryRoot(), "src", "Kolosseum.Cli", "Commands");
        var offenders = Directory.GetFiles(dir, "*.cs")
            .SelectMany(f => File.ReadLines(f).Select((l, i) => (File: Path.GetFileName(f), Line: i + 1, Text: l)))
            .Where(x => !x.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && AdHocFormat().IsMatch(x.Text))
            .Select(x => $"{x.File}:{x.Line}: {x.Text.Trim()}").ToList();
        Assert.True(offenders.Count == 0, "use UnitFormat.Count / Percent / Days:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Plan_and_search_print_the_same_gpu_count_the_same_way()
    {
        var (planCode, plan, planErr) = CliRunner.Run("plan", ScenarioPath("moe-grok1-on-h100.yaml"), "--no-uncertainty", "--no-what-if", "--trials", "50");
        Assert.True(planCode == 0, planErr);
        var (searchCode, search, searchErr) = CliRunner.Run("search", ScenarioPath("moe-grok1-on-h100.yaml"), "--top", "3");
        Assert.True(searchCode == 0, searchErr);
        Assert.Contains("8,192 ×", plan, StringComparison.Ordinal);
        Assert.Contains("up to 8,192 ×", search, StringComparison.Ordinal);
        Assert.DoesNotContain(" 8192 ", plan, StringComparison.Ordinal);
        Assert.DoesNotContain(" 8192 ", search, StringComparison.Ordinal);
    }

    internal static string ScenarioPath(string name) => Path.Combine(Approvals.RepositoryRoot(), "scenarios", name);
}
