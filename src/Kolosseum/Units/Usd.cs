using System.Globalization;

namespace Kolosseum.Units;

/// <summary>Money in US dollars. Prints as $27.5k, $4.10B.</summary>
public readonly record struct Usd(double Value) : IComparable<Usd>
{
    public static Usd Zero => default;
    public static Usd FromMillions(double m) => new(m * 1e6);
    public static Usd FromBillions(double b) => new(b * 1e9);

    public double Millions => Value / 1e6;
    public double Billions => Value / 1e9;

    public static Usd operator +(Usd a, Usd b) => new(a.Value + b.Value);
    public static Usd operator -(Usd a, Usd b) => new(a.Value - b.Value);
    public static Usd operator -(Usd a) => new(-a.Value);
    public static Usd operator *(Usd a, double k) => new(a.Value * k);
    public static Usd operator *(double k, Usd a) => new(a.Value * k);
    public static Usd operator /(Usd a, double k) => new(a.Value / k);
    public static double operator /(Usd a, Usd b) => a.Value / b.Value;
    public static bool operator <(Usd a, Usd b) => a.Value < b.Value;
    public static bool operator >(Usd a, Usd b) => a.Value > b.Value;
    public static bool operator <=(Usd a, Usd b) => a.Value <= b.Value;
    public static bool operator >=(Usd a, Usd b) => a.Value >= b.Value;
    public int CompareTo(Usd other) => Value.CompareTo(other.Value);

    public override string ToString()
    {
        double abs = Math.Abs(Value);
        string sign = Value < 0 ? "-" : "";
        if (abs >= 1e9 * 0.9995) return sign + "$" + UnitFormat.Number(abs / 1e9) + "B";
        if (abs >= 1e6 * 0.9995) return sign + "$" + UnitFormat.Number(abs / 1e6) + "M";
        if (abs >= 1e4) return sign + "$" + UnitFormat.Number(abs / 1e3) + "k";
        if (abs >= 1) return sign + "$" + abs.ToString("#,0.##", CultureInfo.InvariantCulture);
        return sign + "$" + UnitFormat.Number(abs);
    }
}
