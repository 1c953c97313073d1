namespace Kolosseum.Units;

/// <summary>An amount of floating-point work (operations, not a rate).</summary>
public readonly record struct Flops(double Value) : IComparable<Flops>
{
    public static Flops operator +(Flops a, Flops b) => new(a.Value + b.Value);
    public static Flops operator -(Flops a, Flops b) => new(a.Value - b.Value);
    public static Flops operator *(Flops a, double k) => new(a.Value * k);
    public static Flops operator *(double k, Flops a) => new(a.Value * k);
    public static Flops operator /(Flops a, double k) => new(a.Value / k);
    public static double operator /(Flops a, Flops b) => a.Value / b.Value;
    public static Duration operator /(Flops a, FlopsPerSecond r) => new(a.Value / r.Value);
    public static FlopsPerSecond operator /(Flops a, Duration t) => new(a.Value / t.Seconds);
    public static bool operator <(Flops a, Flops b) => a.Value < b.Value;
    public static bool operator >(Flops a, Flops b) => a.Value > b.Value;
    public static bool operator <=(Flops a, Flops b) => a.Value <= b.Value;
    public static bool operator >=(Flops a, Flops b) => a.Value >= b.Value;
    public int CompareTo(Flops other) => Value.CompareTo(other.Value);

    /// <summary>Scientific notation: training budgets span 1e18..1e27, where prefixes stop being readable.</summary>
    public override string ToString() => Value >= 1e15 ? Value.ToString("0.00e0", System.Globalization.CultureInfo.InvariantCulture) + " FLOP" : UnitFormat.Decimal(Value, "FLOP");
}
