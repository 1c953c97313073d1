using System.Globalization;
using System.Text;

namespace Kolosseum.Diagnostics;

/// <summary>
/// Characters that hide or reorder text without showing: the zero-width space U+200B, the byte-order mark
/// U+FEFF inside a text, the bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, "Trojan Source"),
/// the direction marks and the line and paragraph separators. A name holding one reads as something else
/// in the report, the JSON and the terminal, so text read from a file has them removed, with a warning
/// that says which were removed and where.
/// </summary>
public static class InvisibleText
{
    public static bool IsInvisible(char c) => c is '\u061C' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060'
        or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or '\uFEFF';

    /// <summary>The text without them, and the code points removed ("U+200B, U+202E"), or null when none was there.</summary>
    public static (string Text, string? Removed) Strip(string text)
    {
        if (!text.Any(IsInvisible)) return (text, null);
        var sb = new StringBuilder(text.Length);
        var removed = new SortedSet<int>();
        foreach (char c in text)
        {
            if (IsInvisible(c)) removed.Add(c);
            else sb.Append(c);
        }
        return (sb.ToString(), string.Join(", ", removed.Select(c => "U+" + c.ToString("X4", CultureInfo.InvariantCulture))));
    }
}
