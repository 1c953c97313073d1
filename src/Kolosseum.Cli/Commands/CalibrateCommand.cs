using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Validation;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum calibrate --runs FILE --gpu ID</c>: fits a GPU's efficiency parameters on the published
/// runs that ran on it (the procedure behind the catalog's calibrated values; docs/performance-model.md).
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Option<string?>("--runs") { Description = $"CSV file of published runs (default: the embedded {PublishedRuns.RepositoryPath}; schema: {PublishedRuns.SchemaPath})" };
        var gpu = CommonOptions.Gpu();
        gpu.Required = true;
        var json = CommonOptions.Json();
        var command = new Command("calibrate", "Fit a GPU's efficiency parameters on published runs (how the catalog's calibrated values were obtained)") { runs, gpu, json };
        command.SetAction(parse => Run(context, parse.GetValue(runs), parse.GetValue(gpu)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, string gpuId, bool json)
    {
        var bag = new DiagnosticBag();
        var catalog = Catalog.Catalog.Embedded;
        if (!catalog.CheckId<GpuSpec>(gpuId, SourceLocation.ForFlag("--gpu"), "--gpu", bag)) return context.Fail(bag);
        string? text = path is null ? PublishedRuns.Text : InputFile.Read(path, RunsCsvReader.MaxBytes, "--runs", bag);
        if (text is null) return context.Fail(bag);
        string file = path ?? PublishedRuns.Name;
        var published = RunsCsvReader.Read(text, file, catalog, bag);
        if (bag.HasErrors || published.Count == 0) return context.Fail(bag);
        context.Warn(bag);
        if (!published.Any(r => r.GpuId == gpuId && RunValidator.GroupOf(r.Metric) == "throughput"))
        {
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--gpu"), "--gpu", gpuId, "no throughput or step-time row of the file ran on this GPU",
                "GPUs in the file: " + string.Join(", ", published.Select(r => r.GpuId).Distinct()));
            return context.Fail(bag);
        }
        // Calibration repeats every row's prediction; the rows' searches are held to the limit of one validation.
        var validator = new RunValidator(catalog);
        var prepared = published.AsParallel().AsOrdered().Select(validator.Prepare).ToList();
        if (RunValidator.OverWorkLimit(prepared) is { } over) return ValidateCommand.WorkLimit(context, file, published[over.Row], over.Candidates);
        context.ErrorConsole.MarkupLine($"calibrating {TerminalText.Markup(gpuId)} on {TerminalText.Markup(file)} (a few minutes)...");
        var result = Calibration.Fit(published, catalog, gpuId);
        if (json)
        {
            return Json.Write(context, new
            {
                gpu = result.GpuId,
                rows = result.Rows,
                evaluations = result.Evaluations,
                objective_before = result.MeanAbsErrorBefore,
                objective_after = result.MeanAbsErrorAfter,
                prior_weight = Calibration.PriorWeight,
                parameters = result.After.ToDictionary(kv => kv.Key, kv => new { before = result.Before[kv.Key], after = kv.Value }),
            });
        }
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("catalog").RightAligned());
        table.AddColumn(new TableColumn("fitted").RightAligned());
        table.AddColumn(new TableColumn("prior").RightAligned());
        foreach (var (name, value) in result.After)
        {
            var p = Calibration.Parameters.First(x => x.Name == name);
            table.AddRow(name, UnitFormat.Number(result.Before[name], 4), UnitFormat.Number(value, 4), $"{UnitFormat.Number(p.Prior)} ± {UnitFormat.Number(p.Sigma)}");
        }
        context.Console.Write(table);
        context.Console.WriteLine($"{result.Rows} rows, {result.Evaluations} evaluations; objective (mean |error| + prior) {(result.MeanAbsErrorBefore * 100).Inv("0.0")} % -> {(result.MeanAbsErrorAfter * 100).Inv("0.0")} %");
        return ExitCodes.Success;
    }
}
