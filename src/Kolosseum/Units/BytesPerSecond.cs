namespace Kolosseum.Units;

/// <summary>A data rate in bytes per second. Network and HBM rates print with decimal prefixes (GB/s).</summary>
public readonly record struct BytesPerSecond(double Value) : IComparable<BytesPerSecond>
{
    public static BytesPerSecond FromGBps(double gb) => new(gb * 1e9);
    public static BytesPerSecond FromTBps(double tb) => new(tb * 1e12);

    /// <summary>A line rate in gigabits per second (400 Gb/s NDR = 50 GB/s).</summary>
    public static BytesPerSecond FromGbitps(double gbit) => new(gbit * 1e9 / 8);

    public double GBps => Value / 1e9;
    public double Gbitps => Value * 8 / 1e9;

    public static BytesPerSecond operator +(BytesPerSecond a, BytesPerSecond b) => new(a.Value + b.Value);
    public static BytesPerSecond operator -(BytesPerSecond a, BytesPerSecond b) => new(a.Value - b.Value);
    public static BytesPerSecond operator *(BytesPerSecond a, double k) => new(a.Value * k);
    public static BytesPerSecond operator *(double k, BytesPerSecond a) => new(a.Value * k);
    public static BytesPerSecond operator /(BytesPerSecond a, double k) => new(a.Value / k);
    public static double operator /(BytesPerSecond a, BytesPerSecond b) => a.Value / b.Value;
    public static Bytes operator *(BytesPerSecond a, Duration t) => new(a.Value * t.Seconds);
    public static Bytes operator *(Duration t, BytesPerSecond a) => new(a.Value * t.Seconds);
    public static bool operator <(BytesPerSecond a, BytesPerSecond b) => a.Value < b.Value;
    public static bool operator >(BytesPerSecond a, BytesPerSecond b) => a.Value > b.Value;
    public static bool operator <=(BytesPerSecond a, BytesPerSecond b) => a.Value <= b.Value;
    public static bool operator >=(BytesPerSecond a, BytesPerSecond b) => a.Value >= b.Value;
    public int CompareTo(BytesPerSecond other) => Value.CompareTo(other.Value);

    public override string ToString() => UnitFormat.Decimal(Value, "B/s");
}
