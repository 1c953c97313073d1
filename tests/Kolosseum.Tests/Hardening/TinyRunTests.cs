using System.Text.Json;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// The smallest valid runs are answers, and a run that cannot finish says why: one step of training is
/// feasible (its minutes of start-up are not "failures outpacing checkpoints"), and a window shorter
/// than the work is named as the reason.
/// </summary>
public sealed class TinyRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-tiny-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("1")]
    [InlineData("262144")] // one step: the batch of 64 sequences of 4,096 tokens
    public void A_run_of_one_step_is_feasible(string tokens)
    {
        string path = Path.Combine(_folder, "tiny.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
            .Replace("tokens: 50B", "tokens: " + tokens, StringComparison.Ordinal));
        var (code, stdout, stderr) = CliRunner.Run("plan", path, "--trials", "20", "--no-what-if", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var doc = JsonDocument.Parse(stdout);
        Assert.DoesNotContain("outpace", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_shorter_than_the_work_says_so()
    {
        var (code, stdout, stderr) = CliRunner.Run("reliability", "--days", "10", "--window", "8.5", "--trials", "20");
        Assert.Equal(1, code);
        Assert.Contains("no trial finished: 10 d of failure-free work cannot fit in the 8.5 d window (--window)", stdout.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        var json = CliRunner.Run("reliability", "--days", "10", "--window", "8.5", "--trials", "20", "--json");
        Assert.Equal(1, json.Code);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.StartsWith("no trial finished", doc.RootElement.GetProperty("infeasible").GetString(), StringComparison.Ordinal);
    }
}
