using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using Kolosseum.Cli.Commands;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;

namespace Kolosseum.Cli;

/// <summary>The command line: parses arguments, runs one command, maps outcomes to exit codes.</summary>
public static class Cli
{
    /// <param name="width">Columns of the output when it is not a terminal (a terminal reports its own).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, int width = 120)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // Read from the tokens, not the parse: a command line with errors still wants its diagnostics as JSON.
        var context = new CliContext(stdout, stderr, interactive, width) { JsonOutput = args.TakeWhile(a => a != "--").Contains("--json", StringComparer.Ordinal) };
        try
        {
            var root = BuildRoot(context);
            // No response files: '@path' would read any file (or /dev/zero, without end) into the arguments
            // before any input limit applies, and echo its lines in errors. '@x' stays an ordinary token.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            // Unknown flags first: "--sed 3" otherwise reads as a stray argument '3', hiding the typo.
            var unknown = UnknownFlags(context, parse, args);
            if (unknown is not null) return unknown.Value;
            if (parse.Errors.Count > 0) return ReportParseErrors(context, parse);
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.InternalError;
        }
        catch (Exception ex)
        {
            // A bug: say so plainly, without a stack trace (set KOLOSSEUM_DEBUG=1 to see it).
            stderr.WriteLine($"internal error: {TerminalText.Clean(ex.GetType().Name)}: {TerminalText.Clean(ex.Message)}");
            stderr.WriteLine("this is a bug in Kolosseum; please report it with the command and input that caused it");
            if (Environment.GetEnvironmentVariable("KOLOSSEUM_DEBUG") == "1") stderr.WriteLine(ex.ToString());
            return ExitCodes.InternalError;
        }
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "Kolosseum: planner and digital twin for AI training clusters. Performance, fabric, power, reliability, cost and build-out in one plan.");
        foreach (var command in CommandRegistry.All(context)) root.Subcommands.Add(command);
        // The command list shows every argument as if required ("plan <scenario>"); write each command's
        // arguments as its own usage line does, optional ones in brackets ("plan [<scenario>]").
        // Help is wrapped to the terminal's width (or 120 columns off a terminal) like every other output; unset, the
        // standard help writes each description on one line however long, when the output is redirected.
        int width = context.Console.Profile.Width;
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: { } standard } help)
        {
            if (standard is HelpAction standardHelp) standardHelp.MaxWidth = width;
            help.Action = new RootHelpAction(root, standard, width);
        }
        return root;
    }

    private static int ReportParseErrors(CliContext context, ParseResult parse)
    {
        var bag = new DiagnosticBag();
        var command = parse.CommandResult.Command;
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();
        bool hasUnrecognized = parse.Errors.Any(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal));
        foreach (var error in parse.Errors)
        {
            // "Required command was not provided" only repeats what the unrecognized token already says.
            if (hasUnrecognized && error.Message.StartsWith("Required command", StringComparison.Ordinal)) continue;
            string message = error.Message.TrimEnd('.');
            string? token = UnrecognizedToken(message);
            // A required option that is missing names itself: "did you mean '--gpu'?" would only repeat it.
            string? suggestion = token is null ? null : Suggest.Closest(token, names) is { } s && s != token ? $"did you mean '{s}'?" : null;
            if (token is not null && token.StartsWith('@'))
                suggestion = "response files ('@file') are not read: give the flags on the command line, or the settings in a scenario file";
            suggestion ??= $"run 'kolosseum {(command is RootCommand ? "" : command.Name + " ")}--help' for the list";
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("command line"), token ?? "", null, message, suggestion);
        }
        return context.Fail(bag);
    }

    /// <summary>
    /// A token that looks like a flag but that the command does not have ("--jsn") would otherwise be
    /// taken as a positional value; report it with the nearest flag instead.
    /// </summary>
    private static int? UnknownFlags(CliContext context, ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        var known = new HashSet<string>(StringComparer.Ordinal) { "--help", "-h", "-?", "--version" };
        for (var c = parse.CommandResult as SymbolResult; c is not null; c = c.Parent)
        {
            if (c is CommandResult cr)
                foreach (var o in cr.Command.Options) { known.Add(o.Name); foreach (var a in o.Aliases) known.Add(a); }
        }
        var bag = new DiagnosticBag();
        foreach (var token in args.TakeWhile(a => a != "--"))
        {
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2) continue;
            string name = token.Split('=', 2)[0];
            if (known.Contains(name)) continue;
            string? close = Suggest.Closest(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)).ToList());
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("command line"), name, null, $"unknown flag for '{command.Name}'",
                close is not null ? $"did you mean '{close}'?" : $"run 'kolosseum {command.Name} --help' for the list");
        }
        return bag.HasErrors ? context.Fail(bag) : null;
    }

    private static string? UnrecognizedToken(string message)
    {
        int first = message.IndexOf('\'', StringComparison.Ordinal);
        int last = message.LastIndexOf('\'');
        return first >= 0 && last > first ? message[(first + 1)..last] : null;
    }
}
