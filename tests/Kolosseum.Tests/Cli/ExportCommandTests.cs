using System.Text.Json;

namespace Kolosseum.Tests.Cli;

public class ExportCommandTests
{
    [Fact]
    public void Export_of_the_default_plan_writes_three_files_per_option_and_json_is_one_document()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kolosseum-export-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, stdout, stderr) = CliRunner.Run("export", "--out", dir, "--json", "--trials", "50");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(6, files.Count);
        Assert.Equal(["build-100k-h100.megatron.sh", "build-100k-h100.nemo.yaml", "build-100k-h100.torchtitan.toml", "rent-24k-h100.megatron.sh", "rent-24k-h100.nemo.yaml", "rent-24k-h100.torchtitan.toml"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Zero_1_in_torchtitan_is_a_declared_limit_in_the_file_the_json_and_on_stderr()
    {
        var (code, stdout, stderr) = CliRunner.Run("export", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--tp", "8", "--pp", "4",
            "--zero", "1", "--global-batch", "1024", "--framework", "torchtitan", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("note: llama3.1-70b-1024gpu.torchtitan.toml: zero:", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Contains(doc.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("framework").GetString() == "torchtitan" && f.GetProperty("notes").GetArrayLength() > 0);
    }

    [Fact]
    public void Export_of_an_estimated_layout_uses_the_estimate_flags()
    {
        var (code, stdout, stderr) = CliRunner.Run("export", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--tp", "8", "--pp", "4",
            "--global-batch", "1024", "--framework", "megatron");
        Assert.True(code == 0, stderr);
        Assert.Contains("# ==> llama3.1-70b-1024gpu.megatron.sh <==", stdout, StringComparison.Ordinal);
        Assert.Contains("--tensor-model-parallel-size 8 \\", stdout, StringComparison.Ordinal);
        Assert.Contains("torchrun --nnodes 128 --nproc-per-node 8", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_bad_flags_with_located_diagnostics()
    {
        var bad = CliRunner.Run("export", "--framework", "megatrom", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "8", "--tp", "8");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--framework: error KOL004: --framework = 'megatrom'", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'megatron'?", bad.Stderr, StringComparison.Ordinal);
        var both = CliRunner.Run("export", "--search", "--tp", "2", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "8");
        Assert.Equal(2, both.Code);
        Assert.Contains("--search: error KOL013", both.Stderr, StringComparison.Ordinal);
    }
}
