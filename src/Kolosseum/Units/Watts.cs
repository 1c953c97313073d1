namespace Kolosseum.Units;

/// <summary>Power in watts.</summary>
public readonly record struct Watts(double Value) : IComparable<Watts>
{
    public static Watts Zero => default;
    public static Watts FromKilowatts(double kw) => new(kw * 1e3);
    public static Watts FromMegawatts(double mw) => new(mw * 1e6);

    public double Kilowatts => Value / 1e3;
    public double Megawatts => Value / 1e6;

    public static Watts operator +(Watts a, Watts b) => new(a.Value + b.Value);
    public static Watts operator -(Watts a, Watts b) => new(a.Value - b.Value);
    public static Watts operator *(Watts a, double k) => new(a.Value * k);
    public static Watts operator *(double k, Watts a) => new(a.Value * k);
    public static Watts operator /(Watts a, double k) => new(a.Value / k);
    public static double operator /(Watts a, Watts b) => a.Value / b.Value;
    public static Joules operator *(Watts p, Duration t) => new(p.Value * t.Seconds);
    public static Joules operator *(Duration t, Watts p) => new(p.Value * t.Seconds);
    public static bool operator <(Watts a, Watts b) => a.Value < b.Value;
    public static bool operator >(Watts a, Watts b) => a.Value > b.Value;
    public static bool operator <=(Watts a, Watts b) => a.Value <= b.Value;
    public static bool operator >=(Watts a, Watts b) => a.Value >= b.Value;
    public int CompareTo(Watts other) => Value.CompareTo(other.Value);

    public override string ToString() => UnitFormat.Decimal(Value, "W");
}
