using System.Collections.Frozen;

namespace Kolosseum.Units;

/// <summary>The units an input may use for each dimension, with their factor to the SI base used internally.</summary>
public static class UnitTable
{
    private static readonly FrozenDictionary<Dimension, FrozenDictionary<string, double>> Tables = Build();

    public static IReadOnlyDictionary<string, double> For(Dimension dimension) => Tables[dimension];

    /// <summary>The unit written in examples and error messages.</summary>
    public static string Example(Dimension dimension) => dimension switch
    {
        Dimension.Bytes => "80 GiB",
        Dimension.BytesPerSecond => "400 Gb/s or 50 GB/s",
        Dimension.Flops => "3e25 FLOP",
        Dimension.FlopsPerSecond => "989 TFLOP/s",
        Dimension.Watts => "700 W",
        Dimension.Joules => "1.59 TWh",
        Dimension.Duration => "30 min",
        Dimension.Usd => "$27500 or 27.5k USD",
        Dimension.UsdPerHour => "2.20 USD/h",
        Dimension.UsdPerKilowattHour => "0.078 USD/kWh",
        Dimension.UsdPerWatt => "11.7 USD/W",
        Dimension.GramsPerKilowattHour => "400 g/kWh",
        Dimension.Meters => "50 m",
        Dimension.Percent => "5 %",
        Dimension.Count => "24576",
        _ => "1.0",
    };

    /// <summary>The example as a suggestion quotes it; a count shows both forms it takes ('24576' or '24k').</summary>
    public static string Quoted(Dimension dimension) =>
        dimension == Dimension.Count ? "'24576' or '24k'" : "'" + Example(dimension) + "'";

    private static FrozenDictionary<Dimension, FrozenDictionary<string, double>> Build()
    {
        var t = new Dictionary<Dimension, Dictionary<string, double>>
        {
            [Dimension.Dimensionless] = new() { [""] = 1 },
            [Dimension.Count] = new() { [""] = 1, ["k"] = 1e3, ["K"] = 1e3, ["M"] = 1e6, ["B"] = 1e9, ["G"] = 1e9, ["T"] = 1e12 },
            [Dimension.Bytes] = new()
            {
                ["B"] = 1, ["kB"] = 1e3, ["KB"] = 1e3, ["MB"] = 1e6, ["GB"] = 1e9, ["TB"] = 1e12, ["PB"] = 1e15,
                ["KiB"] = 1024.0, ["MiB"] = 1024.0 * 1024, ["GiB"] = 1024.0 * 1024 * 1024,
                ["TiB"] = 1024.0 * 1024 * 1024 * 1024, ["PiB"] = 1024.0 * 1024 * 1024 * 1024 * 1024,
            },
            [Dimension.BytesPerSecond] = new()
            {
                ["B/s"] = 1, ["kB/s"] = 1e3, ["MB/s"] = 1e6, ["GB/s"] = 1e9, ["TB/s"] = 1e12,
                ["GiB/s"] = 1024.0 * 1024 * 1024, ["TiB/s"] = 1024.0 * 1024 * 1024 * 1024,
                ["bit/s"] = 1.0 / 8, ["Mb/s"] = 1e6 / 8, ["Gb/s"] = 1e9 / 8, ["Tb/s"] = 1e12 / 8,
                ["Mbps"] = 1e6 / 8, ["Gbps"] = 1e9 / 8, ["Tbps"] = 1e12 / 8,
            },
            [Dimension.Flops] = new() { ["FLOP"] = 1, ["GFLOP"] = 1e9, ["TFLOP"] = 1e12, ["PFLOP"] = 1e15, ["EFLOP"] = 1e18, ["ZFLOP"] = 1e21, ["YFLOP"] = 1e24 },
            [Dimension.FlopsPerSecond] = new()
            {
                ["FLOP/s"] = 1, ["GFLOP/s"] = 1e9, ["TFLOP/s"] = 1e12, ["PFLOP/s"] = 1e15, ["EFLOP/s"] = 1e18,
                ["TFLOPS"] = 1e12, ["PFLOPS"] = 1e15, ["EFLOPS"] = 1e18,
            },
            [Dimension.Watts] = new() { ["W"] = 1, ["kW"] = 1e3, ["MW"] = 1e6, ["GW"] = 1e9 },
            [Dimension.Joules] = new()
            {
                ["J"] = 1, ["kJ"] = 1e3, ["MJ"] = 1e6, ["GJ"] = 1e9, ["TJ"] = 1e12,
                ["Wh"] = 3600, ["kWh"] = 3.6e6, ["MWh"] = 3.6e9, ["GWh"] = 3.6e12, ["TWh"] = 3.6e15,
            },
            [Dimension.Duration] = new()
            {
                ["ns"] = 1e-9, ["us"] = 1e-6, ["µs"] = 1e-6, ["ms"] = 1e-3, ["s"] = 1, ["sec"] = 1, ["min"] = 60,
                ["h"] = 3600, ["hour"] = 3600, ["hours"] = 3600, ["d"] = 86400, ["day"] = 86400, ["days"] = 86400,
                ["w"] = 7 * 86400, ["week"] = 7 * 86400, ["weeks"] = 7 * 86400,
                ["month"] = 365.25 / 12 * 86400, ["months"] = 365.25 / 12 * 86400,
                ["y"] = 365.25 * 86400, ["year"] = 365.25 * 86400, ["years"] = 365.25 * 86400,
            },
            [Dimension.Usd] = new() { ["USD"] = 1, ["kUSD"] = 1e3, ["MUSD"] = 1e6, ["BUSD"] = 1e9 },
            [Dimension.UsdPerHour] = new() { ["USD/h"] = 1.0 / 3600, ["USD/hour"] = 1.0 / 3600, ["USD/GPU-h"] = 1.0 / 3600, ["USD/GPU/h"] = 1.0 / 3600 },
            [Dimension.UsdPerKilowattHour] = new() { ["USD/kWh"] = 1.0 / 3.6e6, ["USD/MWh"] = 1.0 / 3.6e9 },
            [Dimension.UsdPerWatt] = new() { ["USD/W"] = 1, ["USD/kW"] = 1e-3, ["USD/MW"] = 1e-6 },
            [Dimension.GramsPerKilowattHour] = new() { ["g/kWh"] = 1, ["kg/MWh"] = 1, ["t/GWh"] = 1 },
            [Dimension.Meters] = new() { ["m"] = 1, ["km"] = 1e3, ["cm"] = 1e-2 },
            [Dimension.Percent] = new() { ["%"] = 0.01 },
        };
        return t.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
