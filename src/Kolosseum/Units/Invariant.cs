using System.Globalization;

namespace Kolosseum.Units;

/// <summary>Invariant-culture text for numbers: output never depends on the machine's locale.</summary>
public static class Invariant
{
    public static string Inv(this int value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Inv(this long value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Inv(this double value) => value.ToString("R", CultureInfo.InvariantCulture);
    public static string Inv(this double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Inv(this int? value) => value is null ? "" : value.Value.ToString(CultureInfo.InvariantCulture);
}
