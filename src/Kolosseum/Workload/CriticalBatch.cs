using Kolosseum.Catalog;
using Kolosseum.Yaml;

namespace Kolosseum.Workload;

/// <summary>
/// Catalog kind <c>critical_batch</c>: the gradient noise scale B_noise of McCandlish et al. 2018 ("An Empirical
/// Model of Large-Batch Training", arXiv 1812.06162) in tokens per optimizer step. Above it a larger batch needs
/// more tokens for the same loss: D(B) = D_min (1 + B / B_noise) (docs/search.md, "Tokens at a batch").
/// </summary>
public sealed record CriticalBatch : ICatalogItem<CriticalBatch>
{
    public const string DefaultId = "dense-frontier";

    public static string Kind => "critical_batch";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>B_noise in tokens per optimizer step (sequences × sequence length).</summary>
    public required double NoiseScaleTokens { get; init; }

    public static CriticalBatch? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? noise = r.Number("noise_scale_tokens", required: true, min: 1e3, max: 1e12, rangeHint: "tokens per optimizer step, e.g. 3.2e7");
        if (name is null || noise is null) return null;
        return new CriticalBatch { Id = entry.Id, Name = name, NoiseScaleTokens = noise.Value };
    }
}
