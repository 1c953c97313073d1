namespace Kolosseum.Units;

/// <summary>What a number in an input measures; decides which units it may carry.</summary>
public enum Dimension
{
    /// <summary>A plain number without unit (ratios, efficiencies, degrees).</summary>
    Dimensionless,
    /// <summary>A count that may carry an SI suffix: 15T tokens, 100k GPUs.</summary>
    Count,
    Bytes,
    BytesPerSecond,
    Flops,
    FlopsPerSecond,
    Watts,
    Joules,
    Duration,
    Usd,
    UsdPerHour,
    UsdPerKilowattHour,
    UsdPerWatt,
    GramsPerKilowattHour,
    Meters,
    Percent,
}
