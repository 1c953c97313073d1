namespace Kolosseum.Uncertainty;

/// <summary>The inputs a plan samples. Each but <see cref="Buildout"/> is a multiplier on the scenario's own value.</summary>
public enum UncertainInput
{
    FailureRate,
    Restart,
    PerformanceBias,
    RentPrice,
    ServerCapex,
    FacilityCapex,
    EnergyPrice,
    Pue,
    Utilisation,

    /// <summary>A probability in [0, 1]: where in the option's own build-out Monte-Carlo the dates fall.</summary>
    Buildout,

    /// <summary>A multiplier on B_noise, the critical batch (the tokens a run needs grow with its batch above it).</summary>
    NoiseScale,
}

/// <summary>What each input means, its key and the values it may take.</summary>
public static class UncertainInputs
{
    public static IReadOnlyList<UncertainInput> All { get; } = Enum.GetValues<UncertainInput>();

    public static string Key(this UncertainInput input) => input switch
    {
        UncertainInput.FailureRate => "failure_rate",
        UncertainInput.Restart => "restart",
        UncertainInput.PerformanceBias => "performance_bias",
        UncertainInput.RentPrice => "rent_price",
        UncertainInput.ServerCapex => "server_capex",
        UncertainInput.FacilityCapex => "facility_capex",
        UncertainInput.EnergyPrice => "energy_price",
        UncertainInput.Pue => "pue",
        UncertainInput.Utilisation => "utilisation",
        UncertainInput.Buildout => "buildout",
        UncertainInput.NoiseScale => "noise_scale",
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    /// <summary>The input named in a sentence ("the failure rate is above 1.6x the scenario's").</summary>
    public static string Noun(this UncertainInput input) => input switch
    {
        UncertainInput.FailureRate => "failure rate",
        UncertainInput.Restart => "restart time",
        UncertainInput.PerformanceBias => "step time",
        UncertainInput.RentPrice => "rent price",
        UncertainInput.ServerCapex => "server and network price",
        UncertainInput.FacilityCapex => "facility capex per MW",
        UncertainInput.EnergyPrice => "electricity price",
        UncertainInput.Pue => "PUE",
        UncertainInput.Utilisation => "utilisation of an owned cluster",
        UncertainInput.Buildout => "build-out percentile",
        UncertainInput.NoiseScale => "critical batch (B_noise)",
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    /// <summary>What a value is relative to, written after it ("1.6x the scenario's rates").</summary>
    public static string Relative(this UncertainInput input) => input switch
    {
        UncertainInput.FailureRate => "x the scenario's rates",
        UncertainInput.Restart => "x the profile's (checkpoint load apart)",
        UncertainInput.PerformanceBias => "x the model's prediction",
        UncertainInput.ServerCapex or UncertainInput.FacilityCapex => "x the catalog's",
        UncertainInput.NoiseScale => "x the scenario's B_noise",
        UncertainInput.Buildout => " (0 soonest, 1 latest)",
        _ => "x the scenario's",
    };

    public static string Meaning(this UncertainInput input) => input.Noun() + " (" + input.Relative().Trim().TrimStart('(').TrimEnd(')') + ")";

    public static bool TryParse(string key, out UncertainInput input)
    {
        foreach (var i in All)
        {
            if (i.Key() != key) continue;
            input = i;
            return true;
        }
        input = default;
        return false;
    }

    /// <summary>The values a sample may take: a multiplier stays within 1/100 to 100; the build-out percentile within [0, 1].</summary>
    public static (double Min, double Max) ValidRange(this UncertainInput input) => input switch
    {
        UncertainInput.Buildout => (0, 1),
        UncertainInput.PerformanceBias or UncertainInput.Pue => (0.2, 5),
        _ => (0.01, 100),
    };

    /// <summary>The value at which the input changes nothing: the deterministic plan's.</summary>
    public static double Neutral(this UncertainInput input) => input == UncertainInput.Buildout ? 0.5 : 1;
}
