namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Text size without a font engine: an average glyph width of 0.6 em over-estimates most
/// sans-serif text a little, so labels get room to spare. Deterministic by construction.
/// </summary>
internal static class TextMetrics
{
    public const double FontSize = 12;
    public const double CharWidth = 0.6 * FontSize;

    /// <summary>Marker labels are set smaller (the style sheet's svg .marker-label).</summary>
    public const double MarkerFontSize = 11;

    /// <summary>
    /// How far a line of text reaches above and below its baseline, in em: the ascent and descent of the
    /// common sans-serif faces (DejaVu Sans, the widest of them, is 0.93 and 0.24), so a box drawn from
    /// these holds the glyphs a browser lays out.
    /// </summary>
    public const double Ascent = 0.93;
    public const double Descent = 0.24;

    public static double Width(string text) => text.Length * CharWidth;

    public static double Width(string text, double fontSize) => text.Length * 0.6 * fontSize;

    /// <summary>The text cut to fit <paramref name="maxWidth"/>, with an ellipsis when cut.</summary>
    public static string Fit(string text, double maxWidth) => Fit(text, maxWidth, FontSize);

    public static string Fit(string text, double maxWidth, double fontSize)
    {
        int maxChars = Math.Max(1, (int)(maxWidth / (0.6 * fontSize)));
        if (text.Length <= maxChars) return text;
        int keep = Math.Max(0, maxChars - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--; // never split a surrogate pair
        return text[..keep] + "…";
    }
}

/// <summary>The box one line of SVG text takes, in the SVG's own units.</summary>
internal readonly record struct TextBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    /// <summary>The box of <paramref name="text"/> written at (<paramref name="x"/>, baseline <paramref name="y"/>) with the given anchor.</summary>
    public static TextBox Of(double x, double y, string text, string anchor, double fontSize = TextMetrics.FontSize)
    {
        double width = TextMetrics.Width(text, fontSize);
        double left = anchor switch
        {
            "end" => x - width,
            "middle" => x - width / 2,
            _ => x,
        };
        return new TextBox(left, y - TextMetrics.Ascent * fontSize, left + width, y + TextMetrics.Descent * fontSize);
    }

    /// <summary>Whether the two boxes share more than <paramref name="gap"/> in both directions (touching is not overlapping).</summary>
    public bool Overlaps(TextBox other, double gap = 0) =>
        Math.Min(Right, other.Right) - Math.Max(Left, other.Left) > -gap && Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top) > -gap;
}
