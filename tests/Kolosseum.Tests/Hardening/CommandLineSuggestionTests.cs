namespace Kolosseum.Tests.Hardening;

/// <summary>A mistyped command or flag is exit code 2 with the nearest name, for every command.</summary>
public class CommandLineSuggestionTests
{
    [Theory]
    [InlineData("pln", "plan")]
    [InlineData("estimte", "estimate")]
    [InlineData("serch", "search")]
    [InlineData("validat", "validate")]
    [InlineData("calibrat", "calibrate")]
    [InlineData("catalgo", "catalog")]
    [InlineData("fabirc", "fabric")]
    [InlineData("buildot", "buildout")]
    [InlineData("reliabilty", "reliability")]
    [InlineData("powr", "power")]
    [InlineData("cots", "cost")]
    public void A_mistyped_command_gets_the_nearest_one(string typed, string meant)
    {
        var (code, stdout, stderr) = CliRunner.Run(typed);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"did you mean '{meant}'?", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("estimate")]
    [InlineData("search")]
    [InlineData("validate")]
    [InlineData("calibrate")]
    [InlineData("catalog")]
    [InlineData("fabric")]
    [InlineData("buildout")]
    [InlineData("reliability")]
    [InlineData("power")]
    [InlineData("cost")]
    public void A_mistyped_flag_gets_the_nearest_flag_of_that_command(string command)
    {
        var (code, stdout, stderr) = CliRunner.Run(command, "--jsno");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"--jsno: unknown flag for '{command}'; did you mean '--json'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_flag_with_a_value_names_the_flag_not_the_value()
    {
        var (code, _, stderr) = CliRunner.Run("plan", "--sed", "3");
        Assert.Equal(2, code);
        Assert.Contains("did you mean '--seed'?", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'3'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_flag_written_with_equals_is_found_too()
    {
        var (code, _, stderr) = CliRunner.Run("reliability", "--trails=5");
        Assert.Equal(2, code);
        Assert.Contains("did you mean '--trials'?", stderr, StringComparison.Ordinal);
    }
}
