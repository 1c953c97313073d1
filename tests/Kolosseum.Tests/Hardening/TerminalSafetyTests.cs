using System.Text.RegularExpressions;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Names a scenario carries (its name and description, option names, an inline model's name, catalog names)
/// reach the terminal through every command. Escape sequences there could recolour the screen, move the
/// cursor, set the window title or hide text; bidi controls could make one name read as another; Spectre
/// markup could restyle the output or throw. None of it may reach stdout or stderr.
/// </summary>
public sealed partial class TerminalSafetyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-terminal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // YAML escapes: \e is ESC, \x9b the one-byte CSI, \u202E right-to-left override, \u2066 isolate, \L line separator.
    private const string Evil = @"\e[31mred\e[0m \e]0;title\a \x9b2J \u202Eevil\u202C \u2066iso\u2069 \u061C\u200F [bold]x[/] [[ok]] \r\n\tnext\L";

    private string Scenario()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
            .Replace("name: tiny plan", $"name: \"plan {Evil}\"\ndescription: \"about {Evil}\"", StringComparison.Ordinal)
            .Replace("model: llama3.1-8b", $"model: {{base: llama3.1-8b, id: evil-model, name: \"model {Evil}\"}}", StringComparison.Ordinal)
            .Replace("name: rent 16", $"name: \"rent {Evil}\"", StringComparison.Ordinal)
            .Replace("name: own 32", $"name: \"own {Evil}\"", StringComparison.Ordinal)
            + $"catalog:\n  gpus:\n    - id: H100-SXM-80GB\n      name: \"gpu {Evil}\"\n";
        string file = Path.Combine(_folder, "evil.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>C0 and C1 controls other than the newline, and the characters that reorder or hide text.</summary>
    [GeneratedRegex(@"[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069\uFEFF]")]
    private static partial Regex Unsafe();

    private static void AssertClean(string output, params string[] visible)
    {
        var bad = Unsafe().Match(output);
        Assert.False(bad.Success, bad.Success ? $"U+{(int)bad.Value[0]:X4} at {bad.Index}: ...{output[Math.Max(0, bad.Index - 40)..bad.Index]}" : "");
        foreach (var v in visible) Assert.Contains(v, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan", "--trials", "20", "--no-what-if")]
    [InlineData("cost")]
    [InlineData("buildout", "--trials", "20")]
    [InlineData("reliability", "--trials", "20")]
    [InlineData("estimate")]
    [InlineData("search", "--top", "2")]
    public void Hostile_names_reach_no_terminal_output_of_any_command(params string[] command)
    {
        var (code, stdout, stderr) = CliRunner.Run([command[0], Scenario(), .. command[1..]]);

        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
        // The readable part of each name survives; only the controls are gone.
        AssertClean(stdout, "red");
        AssertClean(stderr);
    }

    [Fact]
    public void The_option_flag_and_its_suggestion_are_cleaned_too()
    {
        var (code, _, stderr) = CliRunner.Run("estimate", Scenario(), "--option", "rent \u001b[2Jnope\u202E");
        Assert.Equal(2, code);
        AssertClean(stderr, "nope");
    }

    [Fact]
    public void Diagnostics_quote_hostile_keys_and_values_without_their_controls()
    {
        string file = Path.Combine(_folder, "keys.yaml");
        File.WriteAllText(file, "name: x\n\"key\\e[2J\\u202E\": 1\nmodel: \"llama\\e]0;pwned\\a\"\n");
        var (code, stdout, stderr) = CliRunner.Run("plan", file);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        AssertClean(stderr, "key", "llama");
    }

    [Fact]
    public void A_report_path_with_controls_is_echoed_clean()
    {
        string report = Path.Combine(_folder, "no-such-folder\u001b[31m", "r.html");
        var (code, _, stderr) = CliRunner.Run("plan", Scenario(), "--report", report);
        Assert.Equal(2, code);
        AssertClean(stderr, "no-such-folder");
    }
}
