using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>Grams of CO2-equivalent emitted per unit of electrical energy. Stored in g/kWh, the unit grids report.</summary>
public readonly record struct CarbonIntensity(double GramsPerKilowattHour) : IComparable<CarbonIntensity>
{
    public static CarbonMass operator *(Joules energy, CarbonIntensity intensity) => new(energy.KilowattHours * intensity.GramsPerKilowattHour);
    public static CarbonMass operator *(CarbonIntensity intensity, Joules energy) => energy * intensity;
    public int CompareTo(CarbonIntensity other) => GramsPerKilowattHour.CompareTo(other.GramsPerKilowattHour);

    public override string ToString() => UnitFormat.Number(GramsPerKilowattHour) + " g/kWh";
}

/// <summary>A mass of CO2-equivalent, in grams. Prints in tonnes (t CO2e), the unit inventories use.</summary>
public readonly record struct CarbonMass(double Grams) : IComparable<CarbonMass>
{
    public double Tonnes => Grams / 1e6;

    public static CarbonMass operator +(CarbonMass a, CarbonMass b) => new(a.Grams + b.Grams);
    public static CarbonMass operator *(CarbonMass a, double k) => new(a.Grams * k);
    public int CompareTo(CarbonMass other) => Grams.CompareTo(other.Grams);

    public override string ToString()
    {
        double t = Math.Abs(Tonnes);
        if (t >= 1e6 * 0.9995) return UnitFormat.Number(Tonnes / 1e6) + " Mt CO2e";
        if (t >= 1e3 * 0.9995) return UnitFormat.Number(Tonnes / 1e3) + " kt CO2e";
        if (t >= 1) return UnitFormat.Number(Tonnes) + " t CO2e";
        return UnitFormat.Number(Grams / 1e3) + " kg CO2e";
    }
}
