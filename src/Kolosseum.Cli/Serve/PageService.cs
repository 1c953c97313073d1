using System.Diagnostics;
using Kolosseum.Cli.Commands;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Reporting.Html;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>What one request planned: the plan, how it was planned, and how long it took.</summary>
internal sealed record PagePlan(Plan Plan, Uncertainty.UncertainPlan? Uncertain, PlanOptions Options, TimeSpan Elapsed);

/// <summary>
/// Loads the scenario of a request (the served one or the text sent), writes the overrides into it, plans it
/// the page's way (<see cref="PagePlanner"/>) and turns the plan into the documents the API answers with.
/// </summary>
internal sealed class PageService(ServedScenario served)
{
    public ServedScenario Served { get; } = served;

    /// <summary>The scenario with the overrides applied, or null with every problem in <paramref name="bag"/>.</summary>
    public Scenario? Load(PlanRequest request, DiagnosticBag bag)
    {
        string file = request.ScenarioText is null ? Served.File : request.FileName;
        string? text = request.ScenarioText ?? Served.Text(bag);
        if (text is null) return null;
        Scenario? scenario;
        if (ReferenceEquals(request.Overrides, ScenarioOverrides.None))
            scenario = ScenarioLoader.Parse(text, file, bag);
        else
        {
            var probe = new DiagnosticBag();
            var doc = YamlDocumentReader.Read(text, file, probe);
            // A file that does not read as YAML gets exactly the diagnostics `kolosseum plan` gives it.
            if (probe.HasErrors || doc.Root is null) scenario = ScenarioLoader.Parse(text, file, bag);
            else
            {
                // Loaded even when an override was refused, so that every problem is reported at once.
                var root = request.Overrides.ApplyTo(doc.Root, bag);
                scenario = ScenarioLoader.Parse(doc with { Root = root }, file, bag);
            }
        }
        return scenario is null || bag.HasErrors ? null : request.Overrides.ApplyTo(scenario);
    }

    public static PagePlan Plan(Scenario scenario, PlanRequest request, IProgress<PlanProgress>? progress, CancellationToken cancellation)
    {
        var options = PagePlanner.Options(request, progress, cancellation);
        var clock = Stopwatch.StartNew();
        var plan = PagePlanner.Run(scenario, options);
        var uncertain = PagePlanner.Sample(plan, options);
        return new PagePlan(plan, uncertain, options, clock.Elapsed);
    }

    /// <summary>The document of <c>kolosseum plan --json</c>.</summary>
    public static object PlanDocument(PagePlan planned) => PlanJson.Of(planned.Plan, planned.Uncertain);

    /// <summary>What the page shows: the report's content (answer, comparison, sections, charts), the inputs' values, the plan document and the timing.</summary>
    public static object View(PagePlan planned)
    {
        var clock = Stopwatch.StartNew();
        var report = PlanReport.Build(planned.Plan, planned.Uncertain);
        string html = HtmlReportWriter.Main(report);
        return new
        {
            title_html = HtmlText.EscapeLine(report.Title),
            subtitle_html = HtmlText.EscapeLine(report.Subtitle),
            html,
            inputs = PageInputs.Of(planned.Plan.Scenario),
            basis = PagePlanner.Basis(planned.Options, planned.Plan.Scenario),
            plan_ms = Math.Round(planned.Elapsed.TotalMilliseconds),
            render_ms = Math.Round(clock.Elapsed.TotalMilliseconds),
            plan = PlanDocument(planned),
        };
    }
}
