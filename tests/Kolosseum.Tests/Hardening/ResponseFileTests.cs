namespace Kolosseum.Tests.Hardening;

/// <summary>
/// '@file' tokens are not expanded: expansion read any file into the arguments before every input limit
/// (/dev/zero without end) and echoed its lines in the errors. '@x' is an ordinary token, refused as such.
/// </summary>
public class ResponseFileTests
{
    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/etc/passwd")]
    [InlineData("/nonexistent/args.rsp")]
    public void An_at_token_is_never_read_as_a_response_file(string path)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (code, stdout, stderr) = CliRunner.Run("fabric", "@" + path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"command line: error KOL014: @{path}:", stderr, StringComparison.Ordinal);
        Assert.Contains("response files ('@file') are not read", stderr, StringComparison.Ordinal);
        // Nothing of the file reaches the output, and reading it would have taken memory.
        Assert.DoesNotContain("root:", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("error KOL", StringComparison.Ordinal));
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_response_file_with_valid_flags_is_not_applied_either()
    {
        string file = Path.Combine(Path.GetTempPath(), "kolosseum-args-" + Guid.NewGuid().ToString("N") + ".rsp");
        File.WriteAllText(file, "--gpus\n1024\n--gpu\nH100-SXM-80GB\n");
        try
        {
            var (code, stdout, stderr) = CliRunner.Run("fabric", "@" + file);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("response files ('@file') are not read", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
