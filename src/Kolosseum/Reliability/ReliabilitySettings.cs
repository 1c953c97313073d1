using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Reliability;

/// <summary>
/// Scenario section <c>reliability:</c>. Every knob defaults to the chosen catalog profile
/// (<c>profile: default</c>); the section may change the main ones. <see cref="Profile"/> holds the
/// effective values, <see cref="FromScenario"/> which of them the scenario set (for the echo).
/// </summary>
public sealed record ReliabilitySettings : IScenarioSection<ReliabilitySettings>
{
    public static string Key => "reliability";

    /// <summary>The keys a scenario may set in this section.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "profile", "failure_rates", "distribution", "weibull_shape", "checkpoint_interval", "checkpoint_mode", "storage", "storage_units",
        "spares", "when_spares_run_out", "stragglers", "trials", "seed",
    ];

    /// <summary>The profile with the scenario's changes applied.</summary>
    public required ReliabilityProfile Profile { get; init; }

    public required IReadOnlySet<string> FromScenario { get; init; }

    /// <summary>Keys a command-line flag set over the scenario (echoed as such).</summary>
    public IReadOnlySet<string> FromCommandLine { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Multiplies every failure rate (what-if analysis; 1 for a normal run).</summary>
    public double FailureRateScale { get; init; } = 1;

    /// <summary>Multiplies restart times except the checkpoint load (what-if analysis; 1 for a normal run).</summary>
    public double RestartScale { get; init; } = 1;

    /// <summary>The catalog defaults, unchanged.</summary>
    public static ReliabilitySettings Defaults(Catalog.Catalog catalog, string profile = ReliabilityProfile.DefaultId) =>
        new() { Profile = catalog.Get<ReliabilityProfile>(profile), FromScenario = new HashSet<string>(StringComparer.Ordinal) };

    public static ReliabilitySettings Read(FieldReader? section, ScenarioContext context)
    {
        var catalog = context.Catalog;
        if (section is null)
            return catalog.TryGet<ReliabilityProfile>(ReliabilityProfile.DefaultId, out var d)
                ? new ReliabilitySettings { Profile = d, FromScenario = new HashSet<string>(StringComparer.Ordinal) }
                : Fallback();
        string profileId = section.String("profile") ?? ReliabilityProfile.DefaultId;
        if (!catalog.CheckId<ReliabilityProfile>(profileId, section.Node("profile")?.Location ?? section.Location, section.FieldPath("profile"), context.Diagnostics))
        {
            section.Accept([.. Keys]);
            return Fallback();
        }
        var p = catalog.Get<ReliabilityProfile>(profileId);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in Keys.Where(section.Has)) set.Add(k);
        var sets = ReliabilityFields.ReadRateSets(section, "failure_rates", catalog);
        var dist = section.Enum<FailureDistribution>("distribution");
        double? shape = section.Number("weibull_shape", min: 0.1, max: 10, rangeHint: "field data gives shapes of 0.5 to 1");
        bool intervalOk = ReliabilityFields.ReadInterval(section, "checkpoint_interval", out var interval);
        var mode = section.Enum<CheckpointMode>("checkpoint_mode");
        string? storage = section.String("storage");
        if (storage is not null && !catalog.CheckId<StorageSpec>(storage, section.Node("storage")!.Location, section.FieldPath("storage"), context.Diagnostics)) storage = null;
        bool unitsOk = ReliabilityFields.ReadUnits(section, "storage_units", out var units);
        double? spares = section.Quantity("spares", Dimension.Percent, min: 0, max: 1, rangeHint: "between 0 % and 100 % of the job's nodes");
        var policy = section.Enum<SparePolicy>("when_spares_run_out");
        bool? stragglers = section.Bool("stragglers");
        int? trials = section.Int("trials", min: 1, max: ReliabilityProfile.MaxTrials, rangeHint: "between 1 and 10 million trials");
        long? seed = section.Integer("seed", min: 0, max: QuantityParser.MaxExactInteger);
        return new ReliabilitySettings
        {
            Profile = p with
            {
                FailureRates = sets ?? p.FailureRates,
                Distribution = dist ?? p.Distribution,
                WeibullShape = shape ?? p.WeibullShape,
                CheckpointInterval = set.Contains("checkpoint_interval") && intervalOk ? interval : p.CheckpointInterval,
                CheckpointMode = mode ?? p.CheckpointMode,
                Storage = storage ?? p.Storage,
                StorageUnits = set.Contains("storage_units") && unitsOk ? units : p.StorageUnits,
                Spares = spares ?? p.Spares,
                WhenSparesRunOut = policy ?? p.WhenSparesRunOut,
                Stragglers = stragglers ?? p.Stragglers,
                Trials = trials ?? p.Trials,
                Seed = seed is null ? p.Seed : (ulong)seed.Value,
            },
            FromScenario = set,
        };
    }

    /// <summary>Used only after a reported error (the scenario is rejected): the embedded defaults.</summary>
    private static ReliabilitySettings Fallback() => Defaults(Catalog.Catalog.Embedded);

    /// <summary>Every knob with its effective value and where it came from, for the resolved-scenario echo.</summary>
    public IReadOnlyList<SettingEcho> Echo()
    {
        var p = Profile;
        string Origin(string key) => FromCommandLine.Contains(key) ? "command line" : FromScenario.Contains(key) ? "scenario" : $"catalog reliability/{p.Id}";
        return
        [
            new("profile", p.Id, FromCommandLine.Contains("profile") ? "command line" : FromScenario.Contains("profile") ? "scenario" : "default"),
            new("failure_rates", string.Join(", ", p.FailureRates), Origin("failure_rates")),
            new("distribution", EnumNames<FailureDistribution>.Name(p.Distribution), Origin("distribution")),
            new("weibull_shape", p.WeibullShape.Inv(), Origin("weibull_shape")),
            new("checkpoint_interval", p.CheckpointInterval?.ToString() ?? "auto", Origin("checkpoint_interval")),
            new("checkpoint_mode", EnumNames<CheckpointMode>.Name(p.CheckpointMode), Origin("checkpoint_mode")),
            new("storage", p.Storage, Origin("storage")),
            new("storage_units", p.StorageUnits?.Inv() ?? "auto", Origin("storage_units")),
            new("spares", (p.Spares * 100).Inv("0.##") + " %", Origin("spares")),
            new("when_spares_run_out", EnumNames<SparePolicy>.Name(p.WhenSparesRunOut), Origin("when_spares_run_out")),
            new("stragglers", p.Stragglers ? "true" : "false", Origin("stragglers")),
            new("trials", p.Trials.Inv(), Origin("trials")),
            new("seed", ((long)p.Seed).Inv(), Origin("seed")),
        ];
    }
}

/// <summary>One resolved setting: its key, value as written, and origin (scenario or catalog entry).</summary>
public sealed record SettingEcho(string Key, string Value, string Origin);
