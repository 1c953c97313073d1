using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Search;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum search</c>: the best parallel layouts for a model on a cluster, ranked by time to train.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var run = new RunFlags();
        var top = new Option<string?>("--top") { Description = "How many layouts to list (default 10)" };
        var minFraction = new Option<string?>("--min-gpu-fraction") { Description = "Smallest share of the GPUs a layout may use; the rest are hot spares (default 0.9)" };
        var threads = new Option<string?>("--threads") { Description = "Worker threads (default: all cores; the result does not depend on it)" };
        var validatedOnly = new Option<bool>("--validated-only") { Description = "Only layouts whose features all lie inside the validated published runs (no extrapolation)" };
        var json = CommonOptions.Json();
        var command = new Command("search", "Find the fastest parallel layouts (TP, PP, VPP, DP, CP, EP, ZeRO, SP, recompute, micro-batch) for a model on a cluster");
        run.AddTo(command);
        command.Options.Add(top);
        command.Options.Add(minFraction);
        command.Options.Add(threads);
        command.Options.Add(validatedOnly);
        command.Options.Add(json);
        command.SetAction(parse => Run(context, parse, run, parse.GetValue(top), parse.GetValue(minFraction), parse.GetValue(threads), parse.GetValue(validatedOnly), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, RunFlags runFlags, string? topText, string? fractionText, string? threadsText, bool validatedOnly, bool json)
    {
        var bag = new DiagnosticBag();
        var flags = new FlagValues(bag);
        int? top = flags.Int("--top", topText, 1, 10_000) ?? 10;
        double? fraction = flags.Quantity("--min-gpu-fraction", fractionText, Dimension.Dimensionless, 0.01, 1) ?? 0.9;
        int? threads = flags.Int("--threads", threadsText, 1, 1024);
        var inputs = runFlags.Read(parse, bag);
        if (inputs is null || top is null || fraction is null) return context.Fail(bag);
        if (inputs.Fabric.Note is { } fabricNote) context.Stderr.WriteLine(TerminalText.Clean(fabricNote));

        var model = inputs.PerformanceModel();
        var envelope = Validation.ValidatedEnvelope.Embedded;
        int seq = inputs.Training.SeqLen;
        var space = new SearchSpace { MinGpuFraction = fraction.Value, Admit = validatedOnly ? l => envelope.CoversShape(in l, seq) : null };
        var result = RunWithProgress(context, json, () => LayoutSearch.Run(model, inputs.Gpus, space, top.Value,
            new SearchOptions { Threads = threads }), (p, report) => LayoutSearch.Run(model, inputs.Gpus, space, top.Value,
            new SearchOptions { Threads = threads, Progress = report }));
        if (result.TooLarge)
            context.Stderr.WriteLine($"the search space holds more than {space.MaxCandidates.Inv()} layouts, the most one search considers: use fewer --gpus or a --global-batch with fewer divisors");
        var view = SearchView.Of(model, result, validatedOnly);
        if (json)
        {
            Json.Write(context, SearchJson.Of(inputs, model, result, view));
            // The document is the same bytes for the same input; how long it took goes beside it.
            context.Stderr.WriteLine($"evaluated {result.Evaluated.Inv()} layouts in {result.Elapsed} ({UnitFormat.Number(result.LayoutsPerSecond)}/s on {result.Threads.Inv()} threads)");
        }
        else
        {
            SearchView.Render(context, inputs, result, view);
        }
        return result.Best.Count > 0 ? ExitCodes.Success : ExitCodes.Infeasible;
    }

    private static SearchResult RunWithProgress(CliContext context, bool json, Func<SearchResult> plain, Func<object?, IProgress<double>, SearchResult> withProgress)
    {
        if (!context.Interactive || json) return plain();
        SearchResult? result = null;
        context.ErrorConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("searching layouts", maxValue: 1.0);
            result = withProgress(null, new Progress<double>(v => task.Value = v));
            task.Value = 1.0;
        });
        return result!;
    }
}
