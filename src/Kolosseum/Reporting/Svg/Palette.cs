namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Series colours: the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), which
/// stays distinguishable for the common forms of colour blindness, with its black replaced by grey
/// and its yellow moved last (weak on white). Colours are constants, never user text.
/// </summary>
internal static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999", "#F0E442"];

    public static string Series(int index) => Colors[index % Colors.Length];

    /// <summary>Low and high input in a tornado: blue below, orange above.</summary>
    public static string Low => Colors[0];
    public static string High => Colors[1];
}
