using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Export;
using Kolosseum.Performance;
using Kolosseum.Planning;
using Kolosseum.Search;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum export</c>: the launch configuration of a planned, estimated or searched layout for Megatron-LM,
/// NeMo and TorchTitan (docs/export.md). Without layout flags it plans the scenario and exports each option's
/// chosen layout; with <c>--tp/--pp/...</c> the estimated layout; with <c>--search</c> the fastest searched one.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var run = new RunFlags();
        var layout = new LayoutFlags();
        var framework = new Option<string?>("--framework") { Description = "megatron, nemo, torchtitan or all (default all)" };
        var search = new Option<bool>("--search") { Description = "Export the fastest layout a search finds for the flags' model and cluster" };
        var outDir = new Option<string?>("--out") { Description = "Write the files into this folder (created if missing) instead of stdout" };
        var seed = CommonOptions.Seed();
        var trials = new Option<string?>("--trials") { Description = "Monte-Carlo trials of the plan (default: the scenario's); the layout does not depend on them" };
        var json = CommonOptions.Json();
        var command = new Command("export", "Write the launch configuration of a layout for Megatron-LM, NeMo and TorchTitan");
        run.AddTo(command);
        layout.AddTo(command);
        foreach (var o in new Option[] { framework, search, outDir, seed, trials, json }) command.Options.Add(o);
        command.SetAction(parse => Run(context, parse, run, layout, new Request(parse.GetValue(framework), parse.GetValue(search), parse.GetValue(outDir),
            parse.GetValue(seed), parse.GetValue(trials), parse.GetValue(json))));
        return command;
    }

    private sealed record Request(string? Framework, bool Search, string? Out, string? Seed, string? Trials, bool Json);

    private sealed record Target(string Name, ExportInput Input);

    private static int Run(CliContext context, ParseResult parse, RunFlags runFlags, LayoutFlags layoutFlags, Request request)
    {
        var bag = new DiagnosticBag();
        var frameworks = Frameworks(request.Framework, bag);
        if (request.Out is not null && File.Exists(request.Out))
            bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", request.Out, "is a file; --out names a folder", "give a folder, e.g. --out launch/");
        if (bag.HasErrors) return context.Fail(bag);

        List<Target>? targets = layoutFlags.Any(parse) || request.Search || RunFlagsGiven(parse, runFlags)
            ? FromFlags(context, parse, runFlags, layoutFlags, request, bag)
            : FromPlan(context, parse, runFlags, request, bag);
        if (targets is null) return bag.HasErrors ? context.Fail(bag) : ExitCodes.Infeasible;

        var files = new List<(Target Target, ExportedFile File)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in targets)
        {
            string stem = LaunchConfig.Slug(t.Name);
            for (int k = 2; !names.Add(stem); k++) stem = LaunchConfig.Slug(t.Name) + "-" + k.Inv();
            foreach (var f in frameworks) files.Add((t, LaunchConfig.Write(f, t.Input, stem)));
        }
        foreach (var (_, f) in files)
            foreach (var n in f.Notes)
                context.Stderr.WriteLine($"note: {f.FileName}: {n.Feature}: {TerminalText.Clean(n.Message)}");

        if (request.Out is not null)
        {
            try
            {
                Directory.CreateDirectory(request.Out);
                foreach (var (_, f) in files) File.WriteAllText(Path.Combine(request.Out, f.FileName), f.Text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                bag.Error(DiagnosticCodes.FileError, SourceLocation.ForFlag("--out"), "--out", request.Out, "cannot write the files: " + ex.Message);
                return context.Fail(bag);
            }
            if (!request.Json)
                foreach (var (_, f) in files) context.Stderr.WriteLine($"wrote {TerminalText.Clean(Path.Combine(request.Out, f.FileName))}");
        }
        if (request.Json)
        {
            Json.Write(context, new
            {
                files = files.Select(x => new
                {
                    framework = EnumNames<Framework>.Name(x.File.Framework),
                    source = x.Target.Input.Source,
                    file = request.Out is null ? x.File.FileName : Path.Combine(request.Out, x.File.FileName),
                    layout = EstimateJson.Layout(x.Target.Input.Layout),
                    global_batch = x.Target.Input.Training.GlobalBatch,
                    notes = x.File.Notes.Select(n => new { feature = n.Feature, message = n.Message }),
                    text = x.File.Text,
                }),
            });
        }
        else if (request.Out is null)
        {
            foreach (var (_, f) in files)
            {
                context.Stdout.Write("# ==> " + f.FileName + " <==\n");
                context.Stdout.Write(f.Text);
                context.Stdout.Write("\n");
            }
        }
        return ExitCodes.Success;
    }

    private static List<Framework> Frameworks(string? text, DiagnosticBag bag)
    {
        if (text is null or "all") return [.. Enum.GetValues<Framework>()];
        if (EnumNames<Framework>.TryParse(text, out var f)) return [f];
        var names = EnumNames<Framework>.Names.Append("all").ToList();
        bag.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag("--framework"), "--framework", text, "is not one of " + string.Join(", ", names), Suggest.DidYouMean(text, names));
        return [];
    }

    private static bool RunFlagsGiven(ParseResult parse, RunFlags r) =>
        new[] { r.Model, r.Gpu, r.Gpus, r.Node, r.Tokens, r.GlobalBatch, r.Seq, r.Precision, r.Attention }.Any(o => parse.GetValue(o) is not null);

    /// <summary>The plan's chosen layout of each option (or of --option), with the batch the plan chose.</summary>
    private static List<Target>? FromPlan(CliContext context, ParseResult parse, RunFlags runFlags, Request request, DiagnosticBag bag)
    {
        var flags = new FlagValues(bag);
        long? seed = flags.Integer("--seed", request.Seed, 0, QuantityParser.MaxExactInteger);
        int? trials = flags.Int("--trials", request.Trials, 1, 200_000);
        var scenario = bag.HasErrors ? null : ScenarioInput.Load(parse.GetValue(runFlags.Scenario), bag);
        if (scenario is null || bag.HasErrors) return null;
        string? only = parse.GetValue(runFlags.OptionName);
        if (only is not null && scenario.Options.All(o => o.Name != only))
        {
            bag.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag("--option"), "--option", only, "no cluster option with this name",
                Suggest.DidYouMean(only, [.. scenario.Options.Select(o => o.Name)]));
            return null;
        }
        context.Warn(bag);
        var options = new PlanOptions { Seed = seed is null ? null : (ulong)seed.Value, Trials = trials, WhatIf = false };
        var plan = PlanProgressDisplay.Run(context, request.Json, options, o => Planner.Run(scenario, o));
        foreach (var bad in plan.Infeasible.Where(i => only is null || i.Option.Name == only))
            context.Stderr.WriteLine($"{TerminalText.Clean(bad.Option.Name)}: no layout to export: {TerminalText.Clean(bad.Reason)}");
        var targets = plan.Options.Where(p => only is null || p.Option.Name == only)
            .Select(p => new Target(p.Option.Name, new ExportInput(scenario.Model, p.Training, p.Step.Layout, p.Option.Node.GpusPerNode,
                $"plan of '{scenario.Name}' ({scenario.File}), option '{p.Option.Name}', layout {(p.Search is null ? "given by the scenario" : "chosen by the plan's search")}, seed {plan.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}")))
            .ToList();
        return targets.Count > 0 ? targets : null;
    }

    /// <summary>An estimated layout (layout flags, as estimate takes them) or the fastest searched one (--search).</summary>
    private static List<Target>? FromFlags(CliContext context, ParseResult parse, RunFlags runFlags, LayoutFlags layoutFlags, Request request, DiagnosticBag bag)
    {
        if (request.Search && layoutFlags.Any(parse))
        {
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--search"), "--search", null, "searches the layout, so layout flags (--tp, --pp, ...) do not apply", "drop --search or the layout flags");
            return null;
        }
        var inputs = runFlags.Read(parse, bag);
        if (inputs is null) return null;
        var model = inputs.PerformanceModel();
        Layout layout;
        string how;
        if (request.Search)
        {
            var result = LayoutSearch.Run(model, inputs.Gpus, new SearchSpace { MinGpuFraction = 0.9 }, 1, new SearchOptions());
            if (result.Best.Count == 0)
            {
                context.Stderr.WriteLine($"no layout fits {inputs.Model.Id} on {inputs.Gpus.Inv()} × {inputs.Gpu.Id}: nothing to export");
                return null;
            }
            (layout, how) = (result.Best[0].Layout, "the fastest layout a search found");
        }
        else
        {
            var given = layoutFlags.Read(parse, inputs, bag);
            if (given is null) return null;
            var report = StepReport.From(model, given.Value, model.Evaluate(given.Value));
            if (!report.Fits) context.Stderr.WriteLine("warning: the layout does not fit: " + report.DoesNotFitMessage());
            (layout, how) = (given.Value, "an estimated layout");
        }
        string name = $"{inputs.Model.Id}-{layout.Gpus.Inv()}gpu";
        string source = $"{how} of {inputs.Model.Id} on {layout.Gpus.Inv()} × {inputs.Gpu.Id}" + (inputs.Option is null ? "" : $" (option '{inputs.Option.Name}')");
        return [new Target(name, new ExportInput(inputs.Model, inputs.Training, layout, inputs.Node.GpusPerNode, source))];
    }
}
