using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Uncertainty;

/// <summary>
/// Scenario section <c>uncertainty:</c> — the catalog profile (<c>profile: default</c>), the sample count, and
/// <c>inputs:</c> that replace the profile's range for an input (a number makes it a point). Absent: the
/// catalog's default profile, every range with its source.
/// </summary>
public sealed record UncertaintySettings : IScenarioSection<UncertaintySettings>
{
    public static string Key => "uncertainty";

    public required string ProfileId { get; init; }
    public required int Samples { get; init; }

    /// <summary>Every input with its range (a point where nothing is uncertain).</summary>
    public required IReadOnlyDictionary<UncertainInput, UncertainValue> Inputs { get; init; }

    /// <summary>The inputs the scenario itself set (the rest come from the profile).</summary>
    public required IReadOnlySet<UncertainInput> FromScenario { get; init; }

    public UncertainValue this[UncertainInput input] => Inputs[input];

    public static UncertaintySettings Read(FieldReader? section, ScenarioContext context)
    {
        var catalog = context.Catalog;
        string id = section?.String("profile") ?? UncertaintyProfile.DefaultId;
        UncertaintyProfile? profile = null;
        if (section?.Node("profile") is { } node)
        {
            if (catalog.CheckId<UncertaintyProfile>(id, node.Location, section.FieldPath("profile"), context.Diagnostics)) profile = catalog.Get<UncertaintyProfile>(id);
        }
        else if (catalog.TryGet<UncertaintyProfile>(id, out var found)) profile = found;
        int? samples = section?.Int("samples", min: 1, max: UncertaintyProfile.MaxSamples, rangeHint: "joint Latin-hypercube samples, e.g. 500");
        var own = section is null ? null : UncertaintyProfile.ReadInputs(section.Map("inputs"), "scenario");
        var inputs = new Dictionary<UncertainInput, UncertainValue>();
        foreach (var input in UncertainInputs.All)
        {
            if (own is not null && own.TryGetValue(input, out var v)) inputs[input] = v;
            else if (profile is not null && profile.Inputs.TryGetValue(input, out var p)) inputs[input] = p;
            else inputs[input] = new PointValue(input.Neutral()) { Source = "not uncertain in this profile" };
        }
        return new UncertaintySettings
        {
            ProfileId = profile?.Id ?? id,
            Samples = samples ?? profile?.Samples ?? UncertaintyProfile.DefaultSamples,
            Inputs = inputs,
            FromScenario = own is null ? new HashSet<UncertainInput>() : [.. own.Keys],
        };
    }

    /// <summary>Every input at its neutral value: the sampled plan is then the deterministic plan (tests and --no-uncertainty).</summary>
    public UncertaintySettings AllPoints() => this with
    {
        Inputs = UncertainInputs.All.ToDictionary(i => i, i => (UncertainValue)new PointValue(i.Neutral()) { Source = "point" }),
    };

    public UncertaintySettings With(UncertainInput input, UncertainValue value) =>
        this with { Inputs = new Dictionary<UncertainInput, UncertainValue>(Inputs) { [input] = value } };
}
