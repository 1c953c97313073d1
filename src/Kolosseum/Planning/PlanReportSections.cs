using Kolosseum.Planning.Report;
using Kolosseum.Reporting;

namespace Kolosseum.Planning;

/// <summary>
/// The report's sections after the answer and the comparison, in reading order (docs/report.md lists them):
/// speed and memory, scaling and layouts, power, failures, money, build-out and schedule, the network, and
/// the resolved scenario. Each builder lives in Planning/Report and derives every figure from the plan.
/// </summary>
internal static class PlanReportSections
{
    public static IEnumerable<ReportSection> All(Plan plan, Uncertainty.UncertainPlan? uncertain = null)
    {
        var sections = new List<ReportSection?> { ScenarioSection.Infeasible(plan) };
        if (plan.Options.Count > 0)
        {
            sections.AddRange(
            [
                UncertaintySection.Build(uncertain),
                PerformanceSections.StepTime(plan),
                PerformanceSections.Memory(plan),
                PerformanceSections.Scaling(plan),
                PerformanceSections.Layouts(plan),
                PowerSection.Build(plan),
                ReliabilitySections.Failures(plan),
                ReliabilitySections.WhatIf(plan),
                CostSections.RunCost(plan),
                CostSections.Tco(plan),
                CostSections.Sensitivity(plan),
                BuildoutSections.Buildout(plan),
                BuildoutSections.Schedule(plan),
                FabricSection.Build(plan),
            ]);
        }
        sections.Add(ScenarioSection.Build(plan));
        return sections.OfType<ReportSection>();
    }
}
