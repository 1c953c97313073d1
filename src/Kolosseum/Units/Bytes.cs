namespace Kolosseum.Units;

/// <summary>An amount of data in bytes. Memory sizes use binary prefixes (GiB), links decimal ones (GB/s).</summary>
public readonly record struct Bytes(double Value) : IComparable<Bytes>
{
    public const double KiBFactor = 1024.0;
    public const double MiBFactor = 1024.0 * 1024;
    public const double GiBFactor = 1024.0 * 1024 * 1024;
    public const double TiBFactor = 1024.0 * 1024 * 1024 * 1024;

    public static Bytes Zero => default;
    public static Bytes FromGiB(double gib) => new(gib * GiBFactor);
    public static Bytes FromMiB(double mib) => new(mib * MiBFactor);
    public static Bytes FromGB(double gb) => new(gb * 1e9);
    public static Bytes FromTB(double tb) => new(tb * 1e12);

    public double GiB => Value / GiBFactor;
    public double GB => Value / 1e9;
    public double TB => Value / 1e12;

    public static Bytes operator +(Bytes a, Bytes b) => new(a.Value + b.Value);
    public static Bytes operator -(Bytes a, Bytes b) => new(a.Value - b.Value);
    public static Bytes operator *(Bytes a, double k) => new(a.Value * k);
    public static Bytes operator *(double k, Bytes a) => new(a.Value * k);
    public static Bytes operator /(Bytes a, double k) => new(a.Value / k);
    public static double operator /(Bytes a, Bytes b) => a.Value / b.Value;
    public static Duration operator /(Bytes a, BytesPerSecond b) => new(a.Value / b.Value);
    public static BytesPerSecond operator /(Bytes a, Duration t) => new(a.Value / t.Seconds);
    public static bool operator <(Bytes a, Bytes b) => a.Value < b.Value;
    public static bool operator >(Bytes a, Bytes b) => a.Value > b.Value;
    public static bool operator <=(Bytes a, Bytes b) => a.Value <= b.Value;
    public static bool operator >=(Bytes a, Bytes b) => a.Value >= b.Value;
    public int CompareTo(Bytes other) => Value.CompareTo(other.Value);

    public override string ToString() => UnitFormat.Binary(Value, "B");
}
