using System.Collections.Immutable;
using Kolosseum.Reporting;

namespace Kolosseum.Planning;

/// <summary>The report's sections with their charts (docs/report.md lists them).</summary>
internal static class PlanReportSections
{
    public static IEnumerable<ReportSection> All(Plan plan)
    {
        foreach (var p in plan.Options)
        {
            yield return new ReportSection(p.Option.Name, [new ParagraphBlock(p.Schedule.Basis)]);
        }
    }
}

/// <summary>The resolved scenario and every assumption with its source, listed at the end of the report.</summary>
internal static class PlanReportAssumptions
{
    public static IEnumerable<Assumption> All(Plan plan)
    {
        var s = plan.Scenario;
        yield return new Assumption($"Model {s.Model.Name}", s.Catalog.Entry("models", s.Model.Id)?.DefaultSource);
    }
}
