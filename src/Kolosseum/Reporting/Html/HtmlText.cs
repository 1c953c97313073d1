using System.Text;

namespace Kolosseum.Reporting.Html;

/// <summary>
/// The one way user text enters the report. Escapes the five characters that can open markup or
/// close an attribute, and drops what cannot be shown honestly: control characters (which HTML
/// either forbids or hides) and bidirectional overrides (which can make text read differently
/// from what it is). Lone surrogates become U+FFFD so that the file is valid UTF-8.
/// </summary>
public static class HtmlText
{
    /// <summary>Safe for element text and for any attribute value in double or single quotes.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (replacement is null && !IsDropped(text, i, out replacement))
            {
                sb?.Append(c);
                if (char.IsHighSurrogate(c))
                {
                    i++; // the low half of a valid pair, checked by IsDropped
                    sb?.Append(text[i]);
                }
                continue;
            }
            sb ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            sb.Append(replacement);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>Text on one line: line breaks and tabs become spaces (titles, labels, table cells).</summary>
    public static string EscapeLine(string? text) =>
        Escape(text?.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '));

    // True when text[i] must not appear as is; replacement is "" (dropped) or U+FFFD.
    private static bool IsDropped(string text, int i, out string? replacement)
    {
        char c = text[i];
        replacement = "";
        if (c is '\n' or '\t') return false;
        if (c == '\r') return true; // "\r\n" keeps its "\n"; HTML treats a lone CR as a line break we do not need
        if (char.IsControl(c)) return true; // C0, DEL, C1
        if (c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')) return true;
        if (c is '\uFFFE' or '\uFFFF') return Replace(out replacement);
        if (char.IsHighSurrogate(c)) return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? false : Replace(out replacement);
        if (char.IsLowSurrogate(c)) return Replace(out replacement);
        return false;
    }

    private static bool Replace(out string? replacement)
    {
        replacement = "\uFFFD";
        return true;
    }
}
