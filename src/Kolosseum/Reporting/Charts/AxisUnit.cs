namespace Kolosseum.Reporting.Charts;

/// <summary>How the numbers on an axis are printed. Chart values are always in SI base units.</summary>
public enum AxisUnitKind
{
    /// <summary>A plain number: 0.5, 12, 1500.</summary>
    Number,
    /// <summary>A count with a k/M/B suffix and an optional noun: 24k GPUs.</summary>
    Count,
    /// <summary>A decimal SI prefix before the symbol: 150 MW, 400 GB/s.</summary>
    Decimal,
    /// <summary>A binary prefix before the symbol (memory): 80 GiB.</summary>
    Binary,
    /// <summary>US dollars with k/M/B: $4.1B.</summary>
    Usd,
    /// <summary>Seconds shown in one readable unit for the whole axis: ms, s, min, h, d or y.</summary>
    Duration,
    /// <summary>A fraction shown as a percentage: 0.9 prints as 90 %.</summary>
    Percent,
}

/// <summary>The unit of an axis: a kind and, for SI and binary prefixes or counts, its symbol.</summary>
public sealed record AxisUnit(AxisUnitKind Kind, string Symbol = "")
{
    public static AxisUnit None { get; } = new(AxisUnitKind.Number);
    public static AxisUnit Count { get; } = new(AxisUnitKind.Count);
    public static AxisUnit Gpus { get; } = new(AxisUnitKind.Count, "GPUs");
    public static AxisUnit Percent { get; } = new(AxisUnitKind.Percent);
    public static AxisUnit Usd { get; } = new(AxisUnitKind.Usd);
    public static AxisUnit Duration { get; } = new(AxisUnitKind.Duration);
    public static AxisUnit Watts { get; } = new(AxisUnitKind.Decimal, "W");
    public static AxisUnit WattHours { get; } = new(AxisUnitKind.Decimal, "Wh");
    public static AxisUnit Bytes { get; } = new(AxisUnitKind.Binary, "B");
    public static AxisUnit BytesPerSecond { get; } = new(AxisUnitKind.Decimal, "B/s");
    public static AxisUnit Flops { get; } = new(AxisUnitKind.Decimal, "FLOP");
    public static AxisUnit FlopsPerSecond { get; } = new(AxisUnitKind.Decimal, "FLOP/s");
}

public enum AxisScaleKind
{
    Linear,
    /// <summary>Base-10 logarithmic; only positive values can be drawn.</summary>
    Log,
}

/// <summary>An axis: its title, unit, scale, and whether zero must be in view (bars always include it).</summary>
public sealed record AxisSpec(string Title, AxisUnit Unit)
{
    public AxisScaleKind Scale { get; init; } = AxisScaleKind.Linear;
    public bool IncludeZero { get; init; } = true;
}
