using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Planning;

/// <summary>
/// The <c>search:</c> section: how the plan looks for layouts when an option gives none.
/// Defaults: the 5 best layouts kept, layouts may leave up to half of the GPUs as hot spares; the plan ranks
/// layouts by expected days with failures (a layout on fewer GPUs fails less and may deliver sooner), takes
/// layouts within 2 % of the soonest as equally soon and orders those by <see cref="RankBy"/> (days), and simulates
/// the top 3 exactly to pick; the scaling curve is drawn at 1/16 .. 1 of each option's GPUs; the fastest layout
/// whose parallel degrees and combinations lie inside the validated published runs is searched too and shown
/// beside the chosen one (<c>validated: beside</c>; the cluster's size is the question, so it is not held to them).
/// </summary>
public sealed record SearchSettings : IScenarioSection<SearchSettings>
{
    public static string Key => "search";

    public required int Top { get; init; }
    public required double MinGpuFraction { get; init; }

    /// <summary>Fractions of each option's GPUs at which the scaling curve (and the partial-capacity plan) is searched.</summary>
    public required IReadOnlyList<double> ScalingFractions { get; init; }

    /// <summary>The secondary key among layouts that deliver about equally soon.</summary>
    public RankBy RankBy { get; init; } = RankBy.Days;

    /// <summary>Layouts whose expected days are within this share of the soonest count as equally soon.</summary>
    public double DaysSlack { get; init; } = 0.02;

    /// <summary>Layouts, best by the closed form first, that the plan simulates exactly before it picks one.</summary>
    public int SimulateTop { get; init; } = 3;

    /// <summary>Whether the plan also searches inside the validated published runs (beside), only there, or not.</summary>
    public ValidatedSearch Validated { get; init; } = ValidatedSearch.Beside;

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
        var rankBy = section.Enum<RankBy>("rank_by");
        double? slack = section.Quantity("days_slack", Dimension.Percent, min: 0, max: 1, rangeHint: "a share of the soonest days, e.g. 2 %");
        int? simulateTop = section.Int("simulate_top", min: 1, max: 20);
        var validated = section.Enum<ValidatedSearch>("validated");
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
            RankBy = rankBy ?? Defaults.RankBy,
            DaysSlack = slack ?? Defaults.DaysSlack,
            SimulateTop = simulateTop ?? Defaults.SimulateTop,
            Validated = validated ?? Defaults.Validated,
            ScalingFractions = list is null ? Defaults.ScalingFractions : [.. fractions.Append(1.0).Distinct().Order()],
        };
    }
}
