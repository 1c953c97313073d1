using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// Where a command writes. Tests pass their own writers; the terminal gets Spectre.Console renderables.
/// In --json mode stdout holds one JSON document and nothing else; progress and diagnostics go to stderr.
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive, int width = 120)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) Console.Profile.Width = width;
        ErrorConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) ErrorConsole.Profile.Width = width;
    }

    public TextWriter Stdout { get; }
    public TextWriter Stderr { get; }

    /// <summary>A real terminal: colours and live progress. False in tests, pipes and CI.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>
    /// The command line asked for --json: stdout then holds one JSON document whatever happens, the diagnostics of
    /// bad input included (<see cref="DiagnosticJson"/>), so that a script reads the problems as it reads results.
    /// </summary>
    public bool JsonOutput { get; init; }

    /// <summary>Prints diagnostics to stderr (errors first by position), with --json also as JSON on stdout, and returns the bad-input exit code.</summary>
    public int Fail(DiagnosticBag diagnostics)
    {
        if (JsonOutput) Stdout.WriteLine(Json.Serialize(DiagnosticJson.Of(diagnostics)));
        foreach (var d in diagnostics.Sorted())
            Stderr.WriteLine(TerminalText.Clean(d.Format()));
        if (diagnostics.Dropped > 0)
            Stderr.WriteLine($"... and {diagnostics.Dropped} more problems not shown");
        int errors = diagnostics.Items.Count(d => d.Severity == Severity.Error) + diagnostics.Dropped;
        Stderr.WriteLine(UnitFormat.Count(errors, "error"));
        return ExitCodes.BadInput;
    }

    /// <summary>Prints warnings (if any) without failing.</summary>
    public void Warn(DiagnosticBag diagnostics)
    {
        foreach (var d in diagnostics.Sorted().Where(d => d.Severity == Severity.Warning))
            Stderr.WriteLine(TerminalText.Clean(d.Format()));
    }
}
