using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Reporting.Html;
using Kolosseum.Reporting.Output;

namespace Kolosseum.Cli.Commands;

/// <summary>--report: checks the path before the plan runs, then writes the HTML atomically.</summary>
internal static class PlanReportFile
{
    public static void Check(string path, bool createDirs, DiagnosticBag bag)
    {
        if (Directory.Exists(path))
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--report"), "--report", path, "is a directory", "give a file name such as plan.html");
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && !Directory.Exists(dir) && !createDirs)
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--report"), "--report", path, $"the folder '{dir}' does not exist", "create it, or add --create-dirs");
    }

    public static Diagnostic? Write(Plan plan, string path, bool createDirs)
    {
        string html = HtmlReportWriter.Write(PlanReport.Build(plan));
        var result = ReportFile.WriteAtomically(path, html, createDirs);
        return result.Ok ? null : result.ToDiagnostic("--report");
    }
}
