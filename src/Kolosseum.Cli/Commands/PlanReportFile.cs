using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Reporting.Html;
using Kolosseum.Reporting.Output;

namespace Kolosseum.Cli.Commands;

/// <summary>--report: checks the path before the plan runs, then writes the HTML atomically.</summary>
internal static class PlanReportFile
{
    public static void Check(string path, bool createDirs, DiagnosticBag bag, IReadOnlyList<string> inputs, string flag = "--report")
    {
        // Every problem the write would meet, found before the plan runs (an empty path used to throw here),
        // including a target that is the scenario itself or a device.
        var problem = ReportFile.Check(path, createDirs, inputs);
        if (problem is null) return;
        if (problem.Error == ReportWriteError.ParentMissing)
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag(flag), flag, path,
                $"the folder '{Path.GetDirectoryName(Path.GetFullPath(path))}' does not exist", "create it, or add --create-dirs");
        else
            bag.Add(problem.ToDiagnostic(flag));
    }

    /// <summary>--write-resolved: the plan's scenario as a file that 'plan FILE' loads and plans to the same plan.</summary>
    public static Diagnostic? WriteResolved(Plan plan, string path, bool createDirs)
    {
        string? yaml = ResolvedScenario.Yaml(plan);
        if (yaml is null)
            return new Diagnostic(DiagnosticCodes.FileError, Severity.Error, SourceLocation.ForFlag("--write-resolved"), "--write-resolved", path,
                "this scenario was changed after loading and has no file form");
        var result = ReportFile.WriteAtomically(path, yaml, createDirs);
        return result.Ok ? null : result.ToDiagnostic("--write-resolved");
    }

    public static Diagnostic? Write(Plan plan, string path, bool createDirs, Uncertainty.UncertainPlan? uncertain = null)
    {
        string html = HtmlReportWriter.Write(PlanReport.Build(plan, uncertain));
        var result = ReportFile.WriteAtomically(path, html, createDirs);
        return result.Ok ? null : result.ToDiagnostic("--report");
    }
}
