using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Planning;

/// <summary>
/// The <c>search:</c> section: how the plan looks for layouts when an option gives none.
/// Defaults: the 5 best layouts kept, layouts may leave up to half of the GPUs as hot spares (ranked by
/// time to train, so a layout on fewer GPUs wins only when it is faster),
/// and the scaling curve is drawn at 1/16 .. 1 of each option's GPUs.
/// </summary>
public sealed record SearchSettings : IScenarioSection<SearchSettings>
{
    public static string Key => "search";

    public required int Top { get; init; }
    public required double MinGpuFraction { get; init; }

    /// <summary>Fractions of each option's GPUs at which the scaling curve (and the partial-capacity plan) is searched.</summary>
    public required IReadOnlyList<double> ScalingFractions { get; init; }

    public static SearchSettings Defaults { get; } = new()
    {
        Top = 5,
        MinGpuFraction = 0.5,
        ScalingFractions = [1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 3.0 / 4, 1],
    };

    public static SearchSettings Read(FieldReader? section, ScenarioContext context)
    {
        if (section is null) return Defaults;
        int? top = section.Int("top", min: 1, max: 1000);
        double? fraction = section.Quantity("min_gpu_fraction", Dimension.Dimensionless, min: 0.01, max: 1, rangeHint: "a share of the GPUs, e.g. 0.9");
        var fractions = new List<double>();
        var list = section.List("scaling_fractions");
        if (list is not null)
        {
            if (list.Count > 32)
                context.Diagnostics.Error(Diagnostics.DiagnosticCodes.LimitExceeded, section.Location, section.FieldPath("scaling_fractions"), null, "at most 32 points");
            for (int i = 0; i < Math.Min(list.Count, 32); i++)
            {
                var v = section.ReadQuantity(list[i], $"{section.FieldPath("scaling_fractions")}[{i.Inv()}]", Dimension.Dimensionless, 0.001, 1, "a share of the GPUs in (0, 1]");
                if (v is not null) fractions.Add(v.Value);
            }
        }
        return new SearchSettings
        {
            Top = top ?? Defaults.Top,
            MinGpuFraction = fraction ?? Defaults.MinGpuFraction,
            ScalingFractions = list is null ? Defaults.ScalingFractions : [.. fractions.Append(1.0).Distinct().Order()],
        };
    }
}
