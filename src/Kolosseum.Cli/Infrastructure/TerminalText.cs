using System.Text;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// Makes user-supplied text safe for a terminal: control characters and escape sequences (which could
/// move the cursor, rewrite the screen or set the window title) are removed.
/// </summary>
public static class TerminalText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == '\n' || c == '\t') sb.Append(c == '\n' ? '\n' : ' ');
            else if (char.IsControl(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069') continue;
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Cleaned and escaped for Spectre.Console markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Clean(text));
}
