namespace Kolosseum.Units;

/// <summary>Energy in joules. Prints in watt-hours (kWh, GWh...), the unit energy is bought and reported in.</summary>
public readonly record struct Joules(double Value) : IComparable<Joules>
{
    public const double PerWattHour = 3600.0;

    public static Joules FromKilowattHours(double kwh) => new(kwh * 1e3 * PerWattHour);
    public static Joules FromMegawattHours(double mwh) => new(mwh * 1e6 * PerWattHour);

    public double KilowattHours => Value / (1e3 * PerWattHour);
    public double MegawattHours => Value / (1e6 * PerWattHour);
    public double GigawattHours => Value / (1e9 * PerWattHour);

    public static Joules operator +(Joules a, Joules b) => new(a.Value + b.Value);
    public static Joules operator -(Joules a, Joules b) => new(a.Value - b.Value);
    public static Joules operator *(Joules a, double k) => new(a.Value * k);
    public static Joules operator *(double k, Joules a) => new(a.Value * k);
    public static Joules operator /(Joules a, double k) => new(a.Value / k);
    public static double operator /(Joules a, Joules b) => a.Value / b.Value;
    public static Watts operator /(Joules e, Duration t) => new(e.Value / t.Seconds);
    public static Duration operator /(Joules e, Watts p) => new(e.Value / p.Value);
    public static bool operator <(Joules a, Joules b) => a.Value < b.Value;
    public static bool operator >(Joules a, Joules b) => a.Value > b.Value;
    public static bool operator <=(Joules a, Joules b) => a.Value <= b.Value;
    public static bool operator >=(Joules a, Joules b) => a.Value >= b.Value;
    public int CompareTo(Joules other) => Value.CompareTo(other.Value);

    public override string ToString() => UnitFormat.Decimal(Value / PerWattHour, "Wh");
}
