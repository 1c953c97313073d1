using Kolosseum.Catalog;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>The inputs a tornado table varies. Each is moved by a multiplier on the scenario's own value.</summary>
public enum SensitivityInput
{
    ServerPrice,
    RentPrice,
    EnergyPrice,
    Utilisation,
    HardwareLife,
    CostOfCapital,
    Pue,
    FacilityCapex,
}

/// <summary>A low and a high multiplier for one input, from the spread of published figures.</summary>
public sealed record SensitivityRange(SensitivityInput Input, double Low, double High);

/// <summary>The ranges the tornado table sweeps, one per input, each with its source.</summary>
public sealed record SensitivityRanges : ICatalogItem<SensitivityRanges>
{
    public static string Kind => "sensitivity";

    public required string Id { get; init; }
    public required IReadOnlyList<SensitivityRange> Ranges { get; init; }

    public static SensitivityRanges? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        var ranges = new List<SensitivityRange>();
        bool ok = true;
        foreach (var input in Enum.GetValues<SensitivityInput>())
        {
            string key = input.Name();
            var m = r.Map(key, required: true);
            if (m is null)
            {
                ok = false;
                continue;
            }
            double? low = m.Number("low", required: true, min: 0.01, max: 1, rangeHint: "a multiplier at or below 1, e.g. 0.8");
            double? high = m.Number("high", required: true, min: 1, max: 100, rangeHint: "a multiplier at or above 1, e.g. 1.25");
            m.Finish();
            if (low is null || high is null)
            {
                ok = false;
                continue;
            }
            ranges.Add(new SensitivityRange(input, low.Value, high.Value));
        }
        return ok ? new SensitivityRanges { Id = entry.Id, Ranges = ranges } : null;
    }
}
