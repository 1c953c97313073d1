namespace Kolosseum.Units;

/// <summary>A compute rate in floating-point operations per second.</summary>
public readonly record struct FlopsPerSecond(double Value) : IComparable<FlopsPerSecond>
{
    public static FlopsPerSecond FromTera(double tflops) => new(tflops * 1e12);
    public double Tera => Value / 1e12;

    public static FlopsPerSecond operator +(FlopsPerSecond a, FlopsPerSecond b) => new(a.Value + b.Value);
    public static FlopsPerSecond operator -(FlopsPerSecond a, FlopsPerSecond b) => new(a.Value - b.Value);
    public static FlopsPerSecond operator *(FlopsPerSecond a, double k) => new(a.Value * k);
    public static FlopsPerSecond operator *(double k, FlopsPerSecond a) => new(a.Value * k);
    public static FlopsPerSecond operator /(FlopsPerSecond a, double k) => new(a.Value / k);
    public static double operator /(FlopsPerSecond a, FlopsPerSecond b) => a.Value / b.Value;
    public static Flops operator *(FlopsPerSecond a, Duration t) => new(a.Value * t.Seconds);
    public static Flops operator *(Duration t, FlopsPerSecond a) => new(a.Value * t.Seconds);
    public static bool operator <(FlopsPerSecond a, FlopsPerSecond b) => a.Value < b.Value;
    public static bool operator >(FlopsPerSecond a, FlopsPerSecond b) => a.Value > b.Value;
    public static bool operator <=(FlopsPerSecond a, FlopsPerSecond b) => a.Value <= b.Value;
    public static bool operator >=(FlopsPerSecond a, FlopsPerSecond b) => a.Value >= b.Value;
    public int CompareTo(FlopsPerSecond other) => Value.CompareTo(other.Value);

    public override string ToString() => UnitFormat.Decimal(Value, "FLOP/s");
}
