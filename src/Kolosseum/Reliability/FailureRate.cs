using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Reliability;

/// <summary>What a failure rate is counted against: each GPU, server, NIC-to-leaf link, switch, or the job as a whole.</summary>
public enum FailureScale
{
    PerGpu,
    PerNode,
    PerLink,
    PerSwitch,
    PerJob,
}

/// <summary>Broad root-cause groups, as Llama 3's Table 5 groups its rows.</summary>
public enum FailureCategory
{
    Gpu,
    Host,
    Network,
    Software,
    Maintenance,
    Hardware,
    Unknown,
}

/// <summary>
/// One job-interrupting failure category of one published source (catalog kind <c>failures</c>). The
/// rate is derived from what was observed: <see cref="Events"/> on <see cref="Units"/> units of the
/// <see cref="Scale"/> over a wall-clock <see cref="Window"/>, or from a per-unit MTTF.
/// </summary>
public sealed record FailureRate : ICatalogItem<FailureRate>
{
    public static string Kind => "failures";

    public required string Id { get; init; }

    /// <summary>The source this entry belongs to (<c>llama3</c>, <c>rsc1</c>...); a scenario picks sets.</summary>
    public required string RateSet { get; init; }

    /// <summary>Short snake_case name used in outputs (<c>faulty_gpu</c>).</summary>
    public required string Cause { get; init; }

    public required string Component { get; init; }
    public required FailureCategory Category { get; init; }
    public required FailureScale Scale { get; init; }

    /// <summary>Recovery takes the node out of the job: a hot spare replaces it while it is repaired.</summary>
    public required bool NeedsSpare { get; init; }

    /// <summary>A planned interruption: the job checkpoints first and loses no work.</summary>
    public required bool Planned { get; init; }

    public double? Events { get; init; }
    public double? Units { get; init; }
    public Duration? Window { get; init; }
    public Duration? Mttf { get; init; }

    public required string Source { get; init; }

    /// <summary>Events per unit (GPU, node, link, switch or job) per hour of wall-clock time.</summary>
    public double RatePerUnitHour => Mttf is { } m ? 1.0 / m.Hours : Events!.Value / (Units!.Value * Window!.Value.Hours);

    public static FailureRate? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? set = r.String("rate_set", required: true);
        string? cause = r.String("cause", required: true);
        string? component = r.String("component", required: true);
        var category = r.Enum<FailureCategory>("category", required: true);
        var scale = r.Enum<FailureScale>("scale", required: true);
        bool? spare = r.Bool("needs_spare", required: true);
        bool? planned = r.Bool("planned") ?? false;
        double? events = r.Number("events", min: 0, max: 1e9, rangeHint: "events observed in the window");
        double? units = r.Number("units", min: 1e-9, max: 1e12, rangeHint: "how many GPUs, nodes, links, switches or jobs were observed");
        double? window = r.Quantity("window", Dimension.Duration, min: 1, max: Duration.SecondsPerYear * 100, rangeHint: "the observation window, e.g. 54 d");
        double? mttf = r.Quantity("mttf", Dimension.Duration, min: 1, max: Duration.SecondsPerYear * 1e6, rangeHint: "mean time to failure of one unit, e.g. 5 years");

        bool counted = events is not null || units is not null || window is not null;
        if (mttf is not null && counted)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Location, r.FieldPath("mttf"), null,
                "give either mttf or events/units/window, not both", "remove one form");
            return null;
        }
        if (mttf is null && (events is null || units is null || window is null))
        {
            // A value that was written but did not parse already has its own diagnostic.
            if (r.Has("mttf")) return null;
            string[] counts = ["events", "units", "window"];
            if (!counts.Any(r.Has))
                r.Missing("events", "give events observed on units over a window (e.g. events: 148, units: 16384, window: 54 d) or mttf: 5 years");
            else
                foreach (var key in counts.Where(k => !r.Has(k))) r.Missing(key, "a counted rate needs events, units and window");
            return null;
        }
        if (set is null || cause is null || component is null || category is null || scale is null || spare is null || planned is null) return null;
        return new FailureRate
        {
            Id = entry.Id, RateSet = set, Cause = cause, Component = component, Category = category.Value, Scale = scale.Value,
            NeedsSpare = spare.Value, Planned = planned.Value, Events = events, Units = units,
            Window = window is null ? null : new Duration(window.Value), Mttf = mttf is null ? null : new Duration(mttf.Value),
            Source = entry.SourceOf("events") is { Length: > 0 } s && mttf is null ? s : entry.SourceOf("mttf"),
        };
    }
}
