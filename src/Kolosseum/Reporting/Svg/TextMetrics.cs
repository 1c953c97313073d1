namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Text width without a font engine: an average glyph width of 0.6 em over-estimates most
/// sans-serif text a little, so labels get room to spare. Deterministic by construction.
/// </summary>
internal static class TextMetrics
{
    public const double FontSize = 12;
    public const double CharWidth = 0.6 * FontSize;

    public static double Width(string text) => text.Length * CharWidth;

    /// <summary>The text cut to fit <paramref name="maxWidth"/>, with an ellipsis when cut.</summary>
    public static string Fit(string text, double maxWidth)
    {
        int maxChars = Math.Max(1, (int)(maxWidth / CharWidth));
        if (text.Length <= maxChars) return text;
        int keep = Math.Max(0, maxChars - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--; // never split a surrogate pair
        return text[..keep] + "…";
    }
}
