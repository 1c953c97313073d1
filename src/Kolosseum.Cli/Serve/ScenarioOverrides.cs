using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>What the page changes in one cluster option: its GPU count and the rental price it is costed (or compared) at.</summary>
internal sealed record OptionOverride
{
    /// <summary>The number as the request wrote it (the loader applies the GPU-count rules to it).</summary>
    public string? Gpus { get; init; }

    /// <summary>USD per GPU-hour, as written.</summary>
    public string? RentUsdPerGpuHour { get; init; }
}

/// <summary>
/// The inputs the what-if page moves. Numbers are kept as the request wrote them and become scenario values
/// (<c>options[i].gpus</c>, <c>training.global_batch</c>, <c>power.site_limit</c>, ...) that the scenario loader
/// reads and checks like any file, so a bad value gets the same diagnostic as in a file; the two reliability
/// multipliers are the model's what-if scales, which have no scenario key.
/// </summary>
internal sealed record ScenarioOverrides
{
    /// <summary>The place diagnostics of an overridden value point to.</summary>
    public static readonly SourceLocation Origin = SourceLocation.ForFlag("overrides");

    public const double MinScale = 0.01;
    public const double MaxScale = 100;

    /// <summary>By option position; null entries change nothing.</summary>
    public IReadOnlyList<OptionOverride?> Options { get; init; } = [];

    public string? GlobalBatch { get; init; }
    public string? GlobalBatchMax { get; init; }
    public double? FailureRateScale { get; init; }
    public double? RestartScale { get; init; }
    public string? ElectricityUsdPerKwh { get; init; }
    public string? UtilisationPercent { get; init; }
    public string? SiteLimitMw { get; init; }

    /// <summary>True when the request asked for no site limit at all (<c>"site_limit_mw": null</c>).</summary>
    public bool RemoveSiteLimit { get; init; }

    public static ScenarioOverrides None { get; } = new();

    /// <summary>The scenario tree with every value override written in; an option position the file does not have is an error.</summary>
    public YNode ApplyTo(YNode root, DiagnosticBag diagnostics)
    {
        var at = Origin;
        int options = YamlEdit.Count(root, "options");
        for (int i = 0; i < Options.Count; i++)
        {
            if (Options[i] is not { } o) continue;
            if (i >= options)
            {
                diagnostics.Error(DiagnosticCodes.OutOfRange, at, $"overrides.options[{i.Inv()}]", null,
                    $"the scenario has {options.Inv()} option{(options == 1 ? "" : "s")}", "give one entry per option, in the scenario's order");
                continue;
            }
            if (o.Gpus is { } gpus) root = YamlEdit.Set(root, ["options", i, "gpus"], YamlEdit.Scalar(gpus, at), at);
            if (o.RentUsdPerGpuHour is { } rent)
                root = YamlEdit.Set(root, ["options", i, "rental"], YamlEdit.Mapping(at, ("price_per_gpu_hour", rent + " USD/h")), at);
        }
        if (GlobalBatch is { } batch) root = YamlEdit.Set(root, ["training", "global_batch"], YamlEdit.Scalar(batch, at), at);
        if (GlobalBatchMax is { } max) root = YamlEdit.Set(root, ["training", "global_batch_max"], YamlEdit.Scalar(max, at), at);
        if (ElectricityUsdPerKwh is { } price)
        {
            // A given price replaces the catalog tariff; the loader refuses both at once.
            root = YamlEdit.Set(root, ["power", "electricity"], null, at);
            root = YamlEdit.Set(root, ["power", "electricity_price"], YamlEdit.Scalar(price + " USD/kWh", at), at);
        }
        if (UtilisationPercent is { } u) root = YamlEdit.Set(root, ["economics", "utilisation"], YamlEdit.Scalar(u + " %", at), at);
        if (RemoveSiteLimit) root = YamlEdit.Set(root, ["power", "site_limit"], null, at);
        else if (SiteLimitMw is { } mw) root = YamlEdit.Set(root, ["power", "site_limit"], YamlEdit.Scalar(mw + " MW", at), at);
        return root;
    }

    /// <summary>The loaded scenario with the reliability multipliers applied (they scale every failure rate and every restart but the checkpoint load).</summary>
    public Scenario ApplyTo(Scenario scenario)
    {
        if (FailureRateScale is null && RestartScale is null) return scenario;
        var reliability = scenario.Sections.Get<ReliabilitySettings>();
        reliability = reliability with
        {
            FailureRateScale = FailureRateScale ?? reliability.FailureRateScale,
            RestartScale = RestartScale ?? reliability.RestartScale,
        };
        return scenario with { Sections = scenario.Sections.With(reliability), Document = null }; // the multipliers have no scenario key
    }
}
