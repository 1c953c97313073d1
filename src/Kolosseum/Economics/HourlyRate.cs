using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>A price per hour of use (of one GPU, unless a name says otherwise), in US dollars per second internally. Prints as $2.20/h.</summary>
public readonly record struct HourlyRate(double UsdPerSecond) : IComparable<HourlyRate>
{
    public static HourlyRate FromUsdPerHour(double usd) => new(usd / Duration.SecondsPerHour);

    public double UsdPerHour => UsdPerSecond * Duration.SecondsPerHour;

    public static Usd operator *(HourlyRate rate, Duration time) => new(rate.UsdPerSecond * time.Seconds);
    public static Usd operator *(Duration time, HourlyRate rate) => new(rate.UsdPerSecond * time.Seconds);
    public static HourlyRate operator *(HourlyRate rate, double k) => new(rate.UsdPerSecond * k);
    public static bool operator <(HourlyRate a, HourlyRate b) => a.UsdPerSecond < b.UsdPerSecond;
    public static bool operator >(HourlyRate a, HourlyRate b) => a.UsdPerSecond > b.UsdPerSecond;
    public static bool operator <=(HourlyRate a, HourlyRate b) => a.UsdPerSecond <= b.UsdPerSecond;
    public static bool operator >=(HourlyRate a, HourlyRate b) => a.UsdPerSecond >= b.UsdPerSecond;
    public int CompareTo(HourlyRate other) => UsdPerSecond.CompareTo(other.UsdPerSecond);

    /// <summary>Money spread over a span of time: $ per hour.</summary>
    public static HourlyRate Per(Usd money, Duration time) => new(money.Value / time.Seconds);

    /// <summary>Cents for prices under $100/h ($2.20/h), three significant digits above.</summary>
    public override string ToString() =>
        "$" + (Math.Abs(UsdPerHour) < 100 ? UsdPerHour.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : UnitFormat.Number(UsdPerHour)) + "/h";
}
