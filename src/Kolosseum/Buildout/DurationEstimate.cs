using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>A three-point duration as written in a preset or scenario: min, most likely (mode), max.</summary>
public readonly record struct DurationEstimate(Duration Min, Duration Mode, Duration Max)
{
    public static DurationEstimate Fixed(Duration value) => new(value, value, value);

    public static DurationEstimate Zero => Fixed(Duration.Zero);

    public bool IsFixed => Min.Seconds == Max.Seconds;

    public PertEstimate ToPert() => new(Min.Seconds, Mode.Seconds, Max.Seconds);

    /// <summary>The beta-PERT mean, (min + 4·mode + max)/6.</summary>
    public Duration Mean => Duration.FromSeconds(ToPert().Mean);

    public override string ToString() =>
        IsFixed ? BuildoutFormat.Days(Min) : $"{BuildoutFormat.Days(Min)} / {BuildoutFormat.Days(Mode)} / {BuildoutFormat.Days(Max)}";
}

/// <summary>A three-point rate (servers or GPUs per unit of time), sampled with the same beta-PERT.</summary>
public readonly record struct RateEstimate(CountRate Min, CountRate Mode, CountRate Max)
{
    public static RateEstimate Fixed(CountRate value) => new(value, value, value);

    /// <summary>As servers per second for a server of <paramref name="gpusPerServer"/> GPUs.</summary>
    public PertEstimate ToServersPerSecond(int gpusPerServer) =>
        new(Min.ServersPerSecond(gpusPerServer), Mode.ServersPerSecond(gpusPerServer), Max.ServersPerSecond(gpusPerServer));

    public override string ToString() =>
        Min == Max ? Min.ToString() : $"{Min.Format(withUnit: false)} / {Mode.Format(withUnit: false)} / {Max}";
}
