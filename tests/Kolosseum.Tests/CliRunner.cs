namespace Kolosseum.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user's shell would see it.</summary>
internal static class CliRunner
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(args, stdout, stderr, interactive: false);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
