using System.Diagnostics;

namespace Kolosseum.Tests.Cli;

/// <summary>
/// Shell completion: the [suggest:POSITION] directive answers from the command tree and the catalog, and the
/// printed bash (and, where installed, zsh) script gets those answers back from the real executable.
/// </summary>
public sealed class CompletionTests
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "kolosseum");

    [Theory]
    [InlineData("kolosseum pl", new[] { "plan" })]
    [InlineData("kolosseum estimate --gp", new[] { "--gpu", "--gpus" })]
    [InlineData("kolosseum estimate --gpu H10", new[] { "H100-SXM-80GB" })]
    [InlineData("kolosseum completion ", new[] { "bash", "zsh" })]
    public void The_suggest_directive_completes_commands_flags_and_catalog_ids(string line, string[] expected)
    {
        var (code, stdout, stderr) = CliRunner.Run($"[suggest:{line.Length}]", line);
        Assert.True(code == 0, stderr);
        var suggestions = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The directive also lists names that contain the word (the scripts keep those that start with it).
        Assert.All(expected, e => Assert.Contains(e, suggestions));
    }

    [Fact]
    public async Task The_bash_script_completes_pl_and_gp_from_the_installed_program()
    {
        string script = CliRunner.Run("completion", "bash").Stdout;
        Assert.Contains("complete -o default -F _kolosseum_complete kolosseum", script, StringComparison.Ordinal);
        string output = await ShellAsync("bash", script, """
            t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _kolosseum_complete; echo "$*:${COMPREPLY[*]}"; }
            t kolosseum pl
            t kolosseum estimate --gp
            t "$KOLOSSEUM_EXE" search --model llama3.1-4
            """);
        Assert.Equal(["kolosseum pl:plan", "kolosseum estimate --gp:--gpu --gpus", Executable + " search --model llama3.1-4:llama3.1-405b"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_zsh_script_asks_the_same_directive()
    {
        string script = CliRunner.Run("completion", "zsh").Stdout;
        Assert.StartsWith("#compdef kolosseum\n", script, StringComparison.Ordinal);
        if (!File.Exists("/usr/bin/zsh") && !File.Exists("/bin/zsh"))
        {
            // Without zsh only the script's text can be checked; .ci/run installs zsh so that CI runs the real check.
            Assert.Contains("compadd -a suggestions", script, StringComparison.Ordinal);
            return;
        }
        // compadd works only inside a completion widget, so the helper that builds the request is called directly.
        string output = await ShellAsync("zsh", script, """
            _kolosseum_suggestions kolosseum pl | grep -x plan
            _kolosseum_suggestions "$KOLOSSEUM_EXE" estimate --gp | grep -x -- --gpus
            """);
        Assert.Equal(["plan", "--gpus"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unknown_shell_is_a_located_error()
    {
        var (code, _, stderr) = CliRunner.Run("completion", "fish");
        Assert.Equal(2, code);
        Assert.Contains("shell = 'fish': no completion script for this shell", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="test"/> after sourcing <paramref name="script"/>, with the test build's kolosseum first on PATH.</summary>
    private static async Task<string> ShellAsync(string shell, string script, string test)
    {
        string folder = Directory.CreateTempSubdirectory("kolosseum-completion-").FullName;
        try
        {
            string file = Path.Combine(folder, "completion");
            await File.WriteAllTextAsync(file, script + "\n" + test.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            start.Environment["PATH"] = AppContext.BaseDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            start.Environment["KOLOSSEUM_EXE"] = Executable;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, shell + " exited " + process.ExitCode + ": " + await stderr);
            return await stdout;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
