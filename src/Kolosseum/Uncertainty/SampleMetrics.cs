namespace Kolosseum.Uncertainty;

/// <summary>The headline figures a plan compares, for one option under one joint sample of the inputs.</summary>
public readonly record struct SampleMetrics(double Days, double FinishDay, double RunCostUsd, double TcoUsd, double FacilityMw)
{
    public double Get(Metric metric) => metric switch
    {
        Metric.Days => Days,
        Metric.Finish => FinishDay,
        Metric.RunCost => RunCostUsd,
        Metric.Tco => TcoUsd,
        _ => FacilityMw,
    };
}

/// <summary>The criteria the sampled plan reports and ranks (lower is better for all).</summary>
public enum Metric
{
    Finish,
    Days,
    RunCost,
    Tco,
    FacilityMw,
}

public static class Metrics
{
    public static IReadOnlyList<Metric> All { get; } = Enum.GetValues<Metric>();

    public static string Key(this Metric m) => m switch
    {
        Metric.Finish => "finish",
        Metric.Days => "days",
        Metric.RunCost => "run_cost",
        Metric.Tco => "tco",
        _ => "facility_mw",
    };

    public static string Name(this Metric m) => m switch
    {
        Metric.Finish => "trained by",
        Metric.Days => "days to train with failures",
        Metric.RunCost => "cost of the run",
        Metric.Tco => "cost over the horizon",
        _ => "facility power",
    };

    /// <summary>The verb of the flip sentence: "finishes first", "costs less"...</summary>
    public static string Wins(this Metric m) => m switch
    {
        Metric.Finish => "finishes first",
        Metric.Days => "trains in fewer days",
        Metric.RunCost => "wins the run cost",
        Metric.Tco => "wins the cost over the horizon",
        _ => "needs less power",
    };
}
