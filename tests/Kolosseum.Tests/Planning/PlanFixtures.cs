using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Html;
using Kolosseum.Scenarios;
using Kolosseum.Uncertainty;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// Plans shared by the Planning tests, each computed once per test run: a default plan costs seconds, so
/// the content, browser and determinism tests read the same one.
/// </summary>
internal static class PlanFixtures
{
    public const ulong Seed = 7;
    public const int Trials = 200;

    /// <summary>
    /// The default scenario planned, and its report and JSON written, under de-DE on one thread; the command-line
    /// test compares it with the report the command writes (invariant culture, two threads), which checks both at once.
    /// </summary>
    public static Planned Default => DefaultPlan.Value;

    /// <summary>A small scenario whose names and descriptions are hostile markup, quotes and control characters.</summary>
    public static Planned Hostile => HostilePlan.Value;

    public const string Script = "<script>alert(1)</script>";
    public const string Breakout = "\"><img src=x onerror=alert(2)></style>";

    public static readonly string HostileYaml = $$"""
        name: "{{Script}} \"quoted\" 'single' </style>\u0007\u202Eevil"
        description: "</style><script>alert(3)</script>"
        model:
          id: hostile-8b
          base: llama3.1-8b
          name: "{{Script}}"
        training:
          tokens: 100B
          global_batch: 256
          precision: bf16
        options:
          - name: "{{Script}}"
            gpu: H100-SXM-80GB
            gpus: 512
            node: hgx-h100
            ownership: rented
            buildout:
              preset: rent
          - name: "\"><img src=x onerror=alert(2)></style>\u0001\u001b[31m\u202Ered"
            gpu: H100-SXM-80GB
            gpus: 1024
            node: hgx-h100
            ownership: owned
            buildout:
              preset: fast-track
        """;

    private static readonly Lazy<Planned> DefaultPlan = new(() => WithCulture(new CultureInfo("de-DE"),
        () => Plan(ScenarioLoader.Default(), new PlanOptions { Seed = Seed, Trials = Trials, Threads = 1 })));

    private static readonly Lazy<Planned> HostilePlan = new(() =>
    {
        var bag = new DiagnosticBag();
        var scenario = ScenarioLoader.Parse(HostileYaml, "hostile.yaml", bag)
            ?? throw new InvalidOperationException("the hostile scenario does not load: " + string.Join("; ", bag.Items));
        return Plan(scenario, new PlanOptions { Seed = Seed, Trials = 50 });
    });

    private static Planned Plan(Scenario scenario, PlanOptions options)
    {
        var plan = Planner.Run(scenario, options);
        // As the command plans by default: the inputs sampled jointly (here on the options' thread count, there on two).
        var uncertain = UncertainPlanner.Run(plan, scenario.Sections.Get<UncertaintySettings>(), new UncertaintyOptions { Threads = options.Threads });
        var document = PlanReport.Build(plan, uncertain);
        // The document `kolosseum plan --json` prints for this plan (the command writes it with WriteLine).
        string json = Kolosseum.Cli.Infrastructure.Json.Serialize(Kolosseum.Cli.Commands.PlanJson.Of(plan, uncertain)) + "\n";
        return new Planned(plan, document, HtmlReportWriter.Write(document), json, uncertain);
    }

    public static T WithCulture<T>(CultureInfo culture, Func<T> run)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}

internal sealed record Planned(Plan Plan, ReportDocument Document, string Html, string Json, UncertainPlan Uncertain);
