using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Uncertainty;

/// <summary>
/// Catalog kind <c>uncertainty</c>: a sourced range for every input a plan samples, and the sample count.
/// An input the profile leaves out is a point at its neutral value (the deterministic plan's).
/// </summary>
public sealed record UncertaintyProfile : ICatalogItem<UncertaintyProfile>
{
    public const string DefaultId = "default";
    public const int DefaultSamples = 500;
    public const int MaxSamples = 100_000;

    public static string Kind => "uncertainty";

    public required string Id { get; init; }
    public required int Samples { get; init; }
    public required IReadOnlyDictionary<UncertainInput, UncertainValue> Inputs { get; init; }

    public static UncertaintyProfile? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        int? samples = r.Int("samples", min: 1, max: MaxSamples, rangeHint: "joint Latin-hypercube samples, e.g. 500") ?? DefaultSamples;
        var inputs = ReadInputs(r.Map("inputs", required: true), "catalog uncertainty/" + entry.Id);
        if (samples is null || inputs is null) return null;
        return new UncertaintyProfile { Id = entry.Id, Samples = samples.Value, Inputs = inputs };
    }

    /// <summary>Reads an <c>inputs:</c> mapping (catalog or scenario); every key must name an input.</summary>
    public static Dictionary<UncertainInput, UncertainValue>? ReadInputs(FieldReader? m, string pointSource)
    {
        if (m is null) return null;
        var result = new Dictionary<UncertainInput, UncertainValue>();
        int errors = m.Diagnostics.ErrorCount;
        foreach (var input in UncertainInputs.All)
        {
            if (UncertainValueReader.Read(m, input.Key(), input, pointSource) is { } v) result[input] = v;
        }
        m.Finish();
        return m.Diagnostics.ErrorCount > errors ? null : result;
    }
}
