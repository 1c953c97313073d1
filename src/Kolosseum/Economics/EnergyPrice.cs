using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>The price of electrical energy, in US dollars per joule internally. Prints as $0.0771/kWh, the unit it is billed in.</summary>
public readonly record struct EnergyPrice(double UsdPerJoule) : IComparable<EnergyPrice>
{
    public static EnergyPrice FromUsdPerKilowattHour(double usd) => new(usd / 3.6e6);

    public double UsdPerKilowattHour => UsdPerJoule * 3.6e6;

    public static Usd operator *(Joules energy, EnergyPrice price) => new(energy.Value * price.UsdPerJoule);
    public static Usd operator *(EnergyPrice price, Joules energy) => new(energy.Value * price.UsdPerJoule);
    public static EnergyPrice operator *(EnergyPrice price, double k) => new(price.UsdPerJoule * k);
    public int CompareTo(EnergyPrice other) => UsdPerJoule.CompareTo(other.UsdPerJoule);

    public override string ToString() => "$" + UnitFormat.Number(UsdPerKilowattHour) + "/kWh";
}
