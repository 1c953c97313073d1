using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Validation;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum validate --runs FILE.csv</c>: predicted vs published for every row, with errors per metric.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Option<string?>("--runs") { Description = $"CSV file of published runs (default: the embedded {PublishedRuns.RepositoryPath}; schema: {PublishedRuns.SchemaPath})" };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Predict published training runs and compare: relative error per row, mean and max per metric") { runs, json };
        command.SetAction(parse => Run(context, parse.GetValue(runs), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, bool json)
    {
        var bag = new DiagnosticBag();
        string? text = path is null ? PublishedRuns.Text : InputFile.Read(path, RunsCsvReader.MaxBytes, "--runs", bag);
        if (text is null) return context.Fail(bag);
        string file = path ?? PublishedRuns.Name;
        var catalog = Catalog.Catalog.Embedded;
        var runs = RunsCsvReader.Read(text, file, catalog, bag);
        // Every problem of the file at once, before any search: a file with a bad row is not half-validated.
        if (bag.HasErrors) return context.Fail(bag);
        context.Warn(bag);

        var validator = new RunValidator(catalog);
        var prepared = runs.AsParallel().AsOrdered().Select(validator.Prepare).ToList();
        // The searches are counted before any runs: a file of rows with every layout cell empty is refused at
        // the row where the count crosses the limit, in seconds, not searched for an hour.
        if (RunValidator.OverWorkLimit(prepared) is { } over) return WorkLimit(context, file, runs[over.Row], over.Candidates);
        var rows = prepared.AsParallel().AsOrdered().Select(validator.Predict).ToList();
        var summary = RunValidator.Summarize(rows);
        if (json)
        {
            return Json.Write(context, new
            {
                rows = rows.Select(r => new
                {
                    id = r.Id,
                    metric = EnumNames<RunMetric>.Name(r.Metric),
                    group = RunValidator.SummaryGroupOf(r),
                    measured = r.Measured,
                    predicted = r.Predicted,
                    relative_error = r.RelativeError,
                    searched = r.Searched,
                    searched_fields = r.SearchedFields,
                    layout = r.Layout?.ToString(),
                    attention = r.Attention is { } a ? EnumNames<Performance.AttentionKernel>.Name(a) : null,
                    note = r.Note,
                    reason = r.Reason,
                }),
                summary = new
                {
                    count = rows.Count,
                    unpredicted = rows.Count(r => r.Predicted is null),
                    mean_abs_relative_error = Mean(rows),
                    max_abs_relative_error = Max(rows),
                    by_group = summary.Select(s => new { group = s.Group, count = s.Count, unpredicted = s.Unpredicted, mean_abs_relative_error = s.MeanAbsRelativeError, max_abs_relative_error = s.MaxAbsRelativeError }),
                },
            });
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "id", "metric", "measured", "predicted", "error", "layout (searched cells)" }) table.AddColumn(h);
        foreach (var r in rows)
        {
            string layout = r.Layout is { } l ? l.ToString() : "";
            if (r.SearchedFields.Count > 0) layout += $" [searched: {string.Join(", ", r.SearchedFields)}]";
            if (r.Note is not null) layout += " (" + r.Note + ")";
            table.AddRow(TerminalText.Markup(r.Id), EnumNames<RunMetric>.Name(r.Metric), UnitFormat.Number(r.Measured, 4),
                r.Predicted is { } p ? UnitFormat.Number(p, 4) : "-",
                r.RelativeError is { } e ? (e * 100).Inv("+0.0;-0.0") + " %" : TerminalText.Markup(r.Reason),
                TerminalText.Markup(layout));
        }
        context.Console.Write(table);
        foreach (var s in summary)
            context.Console.WriteLine($"{GroupLabel(s.Group)}: {s.Count} rows ({s.Unpredicted} not predicted), mean |error| {(s.MeanAbsRelativeError * 100).Inv("0.0")} %, max {(s.MaxAbsRelativeError * 100).Inv("0.0")} %");
        return ExitCodes.Success;
    }

    /// <summary>Valid rows whose searches would have no practical end: infeasible (exit 1), located at the row that crossed the limit.</summary>
    public static int WorkLimit(CliContext context, string path, PublishedRun run, long candidates)
    {
        string counted = candidates == long.MaxValue ? "more layouts than one search may" : $"{candidates.Inv()} layouts";
        var d = new Diagnostic(DiagnosticCodes.LimitExceeded, Severity.Error, new SourceLocation(path, run.Line, 1), "id", run.Id,
            $"the layout searches of the rows up to this one would consider {counted}, more than the {RunValidator.MaxFileCandidates.Inv()} one file may",
            "report more layout cells (tp, pp, dp, micro_batch, ...) in the rows, or split the file");
        context.Stderr.WriteLine(TerminalText.Clean(d.Format()));
        context.Stderr.WriteLine("infeasible: no row was searched");
        return ExitCodes.Infeasible;
    }

    private static string GroupLabel(string group) => group switch
    {
        "dense" => "dense models (throughput and step time)",
        "moe" => "mixture-of-experts models (throughput and step time)",
        _ => group,
    };

    private static double? Mean(IReadOnlyList<ValidationRow> rows)
    {
        var e = rows.Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        return e.Count > 0 ? e.Average() : null;
    }

    private static double? Max(IReadOnlyList<ValidationRow> rows)
    {
        var e = rows.Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        return e.Count > 0 ? e.Max() : null;
    }
}
