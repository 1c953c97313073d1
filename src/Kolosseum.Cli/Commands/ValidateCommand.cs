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
        var wide = new Option<bool>("--wide") { Description = "Also each row's layout, the cells that were searched and notes" };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Predict published training runs and compare: relative error per row, mean and max per metric") { runs, wide, json };
        command.SetAction(parse => Run(context, parse.GetValue(runs), parse.GetValue(wide), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, bool wide, bool json)
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

        // One line per row fits 80 columns; the layouts (50-100 characters each) come with --wide.
        // No border and two spaces between columns: the longest id (41 characters) and the four numbers make 80.
        var table = new Table().Border(TableBorder.None);
        var gap = new Padding(0, 0, 2, 0);
        table.AddColumn(new TableColumn("[u]id[/]").NoWrap().Padding(gap));
        table.AddColumn(new TableColumn("[u]metric[/]").NoWrap().Padding(gap));
        table.AddColumn(new TableColumn("[u]measured[/]").RightAligned().NoWrap().Padding(gap));
        table.AddColumn(new TableColumn("[u]model[/]").RightAligned().NoWrap().Padding(gap));
        table.AddColumn(new TableColumn("[u]error[/]").RightAligned().NoWrap().Padding(wide ? gap : new Padding(0)));
        if (wide) table.AddColumn("layout (searched cells)");
        foreach (var r in rows)
        {
            var cells = new List<string>
            {
                TerminalText.Markup(r.Id), MetricName(r.Metric), UnitFormat.Number(r.Measured, 4),
                r.Predicted is { } p ? UnitFormat.Number(p, 4) : "-",
                r.RelativeError is { } e ? UnitFormat.SignedPercent(e) : "-",
            };
            if (wide)
            {
                string layout = r.Layout is { } l ? l.ToString() : "";
                if (r.SearchedFields.Count > 0) layout += $" [searched: {string.Join(", ", r.SearchedFields)}]";
                if (r.Note is not null) layout += " (" + r.Note + ")";
                cells.Add(TerminalText.Markup(layout));
            }
            table.AddRow([.. cells]);
        }
        context.Console.Write(table);
        // Why a row has no prediction, below the table so that its sentence does not widen a column.
        foreach (var r in rows.Where(r => r.Predicted is null))
            context.Console.MarkupLine($"not predicted: {TerminalText.Markup(r.Id)}: {TerminalText.Markup(r.Reason ?? "")}");
        if (!wide) context.Console.MarkupLine("[dim]model: the prediction; step s: seconds per step; TFLOP/s: per GPU; state GiB: weights, gradients and optimizer per GPU; activ GiB: activations per GPU. --wide: each row's layout and the cells that were searched[/]");
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

    /// <summary>Short metric names, so that the table fits 80 columns (the JSON keeps the full ones).</summary>
    private static string MetricName(RunMetric metric) => metric switch
    {
        RunMetric.StepTimeS => "step s",
        RunMetric.TflopsPerGpu => "TFLOP/s",
        RunMetric.Mfu => "MFU",
        RunMetric.WeightsGradsOptimizerGib => "state GiB",
        _ => "activ GiB",
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
