namespace Kolosseum.Cli.Infrastructure;

/// <summary>The exit-code contract other tools rely on (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was fine but no feasible answer exists (does not fit, over the site limit...).</summary>
    public const int Infeasible = 1;

    /// <summary>Bad input: a flag, a file, a value. Diagnostics were printed.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in Kolosseum. A short message is printed, never a stack trace.</summary>
    public const int InternalError = 70;
}
