using System.CommandLine;
using System.CommandLine.Invocation;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>A command's name and arguments as a user types them: required ones bare, optional ones in brackets.</summary>
internal static class CommandUsage
{
    /// <summary>"plan [<scenario>]", "catalog [<kind> [<id>]]", "completion <shell>".</summary>
    public static string Of(Command command)
    {
        string args = "";
        // From the last argument back: an optional one encloses the ones after it, as in "[<kind> [<id>]]".
        foreach (var a in command.Arguments.Where(a => !a.Hidden).Reverse())
        {
            string one = "<" + (a.HelpName ?? a.Name) + ">" + (a.Arity.MaximumNumberOfValues > 1 ? "..." : "");
            string tail = args.Length > 0 ? " " + args : "";
            args = a.Arity.MinimumNumberOfValues == 0 ? "[" + one + tail + "]" : one + tail;
        }
        return args.Length > 0 ? command.Name + " " + args : command.Name;
    }
}

/// <summary>
/// Top-level help written here, because the standard list of commands prints every argument as required
/// ("plan <scenario>") and offers no public way to change it; a command's own help stays the standard one.
/// </summary>
internal sealed class RootHelpAction(RootCommand root, CommandLineAction standard, int maxWidth) : SynchronousCommandLineAction
{
    // As the standard help: "calibrate --help" shows help, not "--gpu is required".
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != root)
            return standard is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Description:");
        foreach (var line in Wrap(root.Description ?? "", Math.Max(20, maxWidth - 2))) output.WriteLine("  " + line);
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine("  kolosseum [command] [options]");
        output.WriteLine();
        output.WriteLine("Options:");
        Columns(output, root.Options.Where(o => !o.Hidden).Select(o => (string.Join(", ", o.Aliases.Where(a => !a.StartsWith('/')).Order(StringComparer.Ordinal).Append(o.Name)), o.Description ?? "")));
        output.WriteLine();
        output.WriteLine("Commands:");
        Columns(output, root.Subcommands.Where(c => !c.Hidden).Select(c => (CommandUsage.Of(c), c.Description ?? "")));
        output.WriteLine();
        foreach (var line in Wrap("Arguments in [brackets] are optional. 'kolosseum COMMAND --help' lists a command's options.", maxWidth)) output.WriteLine(line);
        return 0;
    }

    /// <summary>Names in one column, their text wrapped at word boundaries within <c>maxWidth</c> in the next.</summary>
    private void Columns(TextWriter output, IEnumerable<(string Name, string Text)> rows)
    {
        var list = rows.ToList();
        int width = list.Max(r => r.Name.Length) + 2;
        int textWidth = Math.Max(20, maxWidth - 2 - width);
        foreach (var (name, text) in list)
        {
            var lines = Wrap(text, textWidth);
            output.WriteLine("  " + name.PadRight(width) + lines[0]);
            foreach (var more in lines.Skip(1)) output.WriteLine(new string(' ', 2 + width) + more);
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }
}
