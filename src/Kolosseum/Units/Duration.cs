using System.Globalization;

namespace Kolosseum.Units;

/// <summary>A span of time in seconds. Prints in the largest readable unit: 12.4 s, 3.2 h, 54 d.</summary>
public readonly record struct Duration(double Seconds) : IComparable<Duration>
{
    public const double SecondsPerMinute = 60;
    public const double SecondsPerHour = 3600;
    public const double SecondsPerDay = 86400;
    public const double SecondsPerWeek = 7 * SecondsPerDay;
    public const double SecondsPerYear = 365.25 * SecondsPerDay;

    public static Duration Zero => default;
    public static Duration FromSeconds(double s) => new(s);
    public static Duration FromMinutes(double m) => new(m * SecondsPerMinute);
    public static Duration FromHours(double h) => new(h * SecondsPerHour);
    public static Duration FromDays(double d) => new(d * SecondsPerDay);
    public static Duration FromWeeks(double w) => new(w * SecondsPerWeek);
    public static Duration FromYears(double y) => new(y * SecondsPerYear);

    public double Minutes => Seconds / SecondsPerMinute;
    public double Hours => Seconds / SecondsPerHour;
    public double Days => Seconds / SecondsPerDay;
    public double Weeks => Seconds / SecondsPerWeek;
    public double Years => Seconds / SecondsPerYear;

    public static Duration operator +(Duration a, Duration b) => new(a.Seconds + b.Seconds);
    public static Duration operator -(Duration a, Duration b) => new(a.Seconds - b.Seconds);
    public static Duration operator *(Duration a, double k) => new(a.Seconds * k);
    public static Duration operator *(double k, Duration a) => new(a.Seconds * k);
    public static Duration operator /(Duration a, double k) => new(a.Seconds / k);
    public static double operator /(Duration a, Duration b) => a.Seconds / b.Seconds;
    public static bool operator <(Duration a, Duration b) => a.Seconds < b.Seconds;
    public static bool operator >(Duration a, Duration b) => a.Seconds > b.Seconds;
    public static bool operator <=(Duration a, Duration b) => a.Seconds <= b.Seconds;
    public static bool operator >=(Duration a, Duration b) => a.Seconds >= b.Seconds;
    public int CompareTo(Duration other) => Seconds.CompareTo(other.Seconds);

    public static Duration Max(Duration a, Duration b) => a.Seconds >= b.Seconds ? a : b;
    public static Duration Min(Duration a, Duration b) => a.Seconds <= b.Seconds ? a : b;

    public override string ToString()
    {
        double abs = Math.Abs(Seconds);
        if (double.IsNaN(Seconds)) return "NaN s";
        if (abs == 0) return "0 s";
        if (abs < 1e-3) return UnitFormat.Number(Seconds * 1e6) + " µs";
        if (abs < 1) return UnitFormat.Number(Seconds * 1e3) + " ms";
        if (abs < 120) return UnitFormat.Number(Seconds) + " s";
        if (abs < 2 * SecondsPerHour) return UnitFormat.Number(Minutes) + " min";
        if (abs < 2 * SecondsPerDay) return UnitFormat.Number(Hours) + " h";
        if (abs < 2 * SecondsPerYear) return UnitFormat.Number(Days) + " d";
        return Years.ToString("0.0", CultureInfo.InvariantCulture) + " y";
    }
}
