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
            else if (char.IsControl(c) || IsHiding(c)) continue;
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Characters that reorder text or hide it (bidi overrides, isolates and marks, zero-width space and
    /// no-break space, line and paragraph separators): they could make one name read as another.
    /// </summary>
    private static bool IsHiding(char c) => c is '\u061C' or '\u200B' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E')
        or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or '\uFEFF';

    /// <summary>Cleaned and escaped for Spectre.Console markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Clean(text));
}
