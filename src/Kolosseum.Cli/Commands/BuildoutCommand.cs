using System.CommandLine;
using System.Globalization;
using Kolosseum.Buildout;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Scenarios;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum buildout [SCENARIO]</c>: the build-out Monte-Carlo of every cluster option (or one),
/// or of a one-off preset run (<c>--preset fast-track --gpus 100k</c>): phases, first-training and
/// full-capacity dates, and the weekly capacity ramp.
/// </summary>
internal static class BuildoutCommand
{
    /// <summary>The GPU of a one-off preset run when --gpu is not given (echoed in the output).</summary>
    private const string DefaultGpu = "H100-SXM-80GB";

    /// <summary>One cluster option to simulate, with the model the scenario or the flags resolved.</summary>
    internal sealed record Job(string Name, string GpuId, BuildoutModel Model, bool PresetIsDefault, bool StartIsDefault, bool GpuIsDefault);

    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario)", Arity = ArgumentArity.ZeroOrOne };
        var option = new Option<string?>("--option") { Description = "Simulate only the cluster option with this name" };
        var preset = new Option<string?>("--preset") { Description = "One-off run of a catalog build-out preset (see 'kolosseum catalog buildout'), with --gpus" };
        var gpus = CommonOptions.Gpus();
        var gpu = CommonOptions.Gpu();
        var start = new Option<string?>("--start") { Description = "Start (decision) date, YYYY-MM-DD (default: the preset's fixed default_start)" };
        var seed = CommonOptions.Seed();
        var trials = new Option<string?>("--trials") { Description = $"Monte-Carlo trials (default {BuildoutRunOptions.DefaultTrials.ToString(CultureInfo.InvariantCulture)})" };
        var json = CommonOptions.Json();
        var command = new Command("buildout", "Build-out timeline: phases, first-training and full-capacity dates (P50/P90), weekly capacity ramp")
        {
            scenario, option, preset, gpus, gpu, start, seed, trials, json,
        };
        command.SetAction(parse => Run(context, new Request(
            parse.GetValue(scenario), parse.GetValue(option), parse.GetValue(preset), parse.GetValue(gpus), parse.GetValue(gpu),
            parse.GetValue(start), parse.GetValue(seed), parse.GetValue(trials), parse.GetValue(json))));
        return command;
    }

    private sealed record Request(string? Scenario, string? Option, string? Preset, string? Gpus, string? Gpu, string? Start, string? Seed, string? Trials, bool Json);

    private static int Run(CliContext context, Request request)
    {
        var bag = new DiagnosticBag();
        var flags = new FlagValues(bag);
        long? seed = flags.Integer("--seed", request.Seed, 0, Units.QuantityParser.MaxExactInteger);
        int? trials = flags.Int("--trials", request.Trials, 1, BuildoutRunOptions.MaxTrials);
        DateOnly? start = ParseDate("--start", request.Start, bag);
        bool oneOff = request.Preset is not null || request.Gpus is not null;
        var jobs = oneOff ? OneOffJob(request, flags, start) : ScenarioJobs(request, bag, start);
        if (bag.HasErrors || jobs is null) return context.Fail(bag);
        context.Warn(bag);

        var options = new BuildoutRunOptions
        {
            Seed = (ulong)(seed ?? (long)BuildoutRunOptions.DefaultSeed),
            Trials = trials ?? BuildoutRunOptions.DefaultTrials,
        };
        var results = Simulate(context, jobs, options);
        if (request.Json) return Json.Write(context, BuildoutJson.Document(jobs, results, options));
        BuildoutView.Write(context.Console, jobs, results, options);
        return ExitCodes.Success;
    }

    private static List<Job>? OneOffJob(Request request, FlagValues flags, DateOnly? start)
    {
        var bag = flags.Diagnostics;
        var catalog = Catalog.Catalog.Embedded;
        if (request.Scenario is not null)
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("--preset"), "--preset", request.Preset,
                "a one-off preset run does not read a scenario", $"drop the scenario file, or set buildout.preset in it and use --option");
        if (request.Option is not null)
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("--option"), "--option", request.Option, "applies to scenario runs, not to a one-off preset run", "drop --option");
        if (request.Preset is null)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--preset"), "--preset", null, "--gpus needs a build-out preset",
                "presets: " + string.Join(", ", catalog.Ids<BuildoutPreset>()));
        if (request.Gpus is null)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpus"), "--gpus", null, "--preset needs the number of GPUs", "add e.g. --gpus 100k");
        long? gpus = flags.Integer("--gpus", request.Gpus, 1, 10_000_000);
        string gpuId = request.Gpu ?? DefaultGpu;
        bool presetOk = request.Preset is not null && catalog.CheckId<BuildoutPreset>(request.Preset, SourceLocation.ForFlag("--preset"), "--preset", bag);
        bool gpuOk = catalog.CheckId<GpuSpec>(gpuId, SourceLocation.ForFlag("--gpu"), "--gpu", bag);
        NodeSpec? node = gpuOk ? DefaultNode.For(catalog, gpuId) : null;
        if (gpuOk && node is null)
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--gpu"), "--gpu", gpuId, "no catalog server holds this GPU", "use a scenario with a node under catalog: nodes:");
        if (bag.HasErrors || !presetOk || gpus is null || node is null) return null;
        var preset = catalog.Get<BuildoutPreset>(request.Preset!);
        var model = BuildoutModel.FromPreset(preset, gpus.Value, node.GpusPerNode, start);
        return [new Job(preset.Id, gpuId, model, PresetIsDefault: false, StartIsDefault: start is null, GpuIsDefault: request.Gpu is null)];
    }

    private static List<Job>? ScenarioJobs(Request request, DiagnosticBag bag, DateOnly? start)
    {
        if (request.Gpu is not null)
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("--gpu"), "--gpu", request.Gpu, "applies to a one-off preset run", "add --preset and --gpus, or set gpu: in the scenario");
        var s = ScenarioInput.Load(request.Scenario, bag);
        if (s is null) return null;
        var options = s.Options.ToList();
        if (request.Option is not null)
        {
            options = [.. options.Where(o => o.Name == request.Option)];
            if (options.Count == 0)
            {
                bag.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag("--option"), "--option", request.Option, "the scenario has no option with this name",
                    Suggest.DidYouMean(request.Option, [.. s.Options.Select(o => o.Name)]));
                return null;
            }
        }
        var jobs = new List<Job>();
        foreach (var o in options)
        {
            var settings = o.Sections.Get<BuildoutSettings>();
            var model = settings.Model ?? throw new InvalidOperationException($"option '{o.Name}' loaded without a build-out model (a bug)");
            if (start is not null) model = model with { Start = start.Value };
            jobs.Add(new Job(o.Name, o.Gpu.Id, model, settings.PresetIsDefault, start is null && settings.StartIsDefault, GpuIsDefault: false));
        }
        return jobs;
    }

    private static DateOnly? ParseDate(string flag, string? text, DiagnosticBag bag)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1990 and <= 2200)
            return date;
        bag.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag(flag), flag, text, "is not a calendar date in the form YYYY-MM-DD between 1990 and 2200", "write e.g. 2024-07-10");
        return null;
    }

    private static List<BuildoutResult> Simulate(CliContext context, List<Job> jobs, BuildoutRunOptions options)
    {
        if (!context.Interactive) return [.. jobs.Select(j => BuildoutSimulator.Run(j.Model, options))];
        var results = new List<BuildoutResult>();
        context.ErrorConsole.Progress().AutoClear(true).Start(progress =>
        {
            foreach (var job in jobs)
            {
                var task = progress.AddTask(TerminalText.Markup(job.Name), maxValue: options.Trials);
                results.Add(BuildoutSimulator.Run(job.Model, options, new TaskProgress(task)));
                task.Value = options.Trials;
            }
        });
        return results;
    }

    /// <summary>Reports completed trials to a progress bar (called from worker threads).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = Math.Max(task.Value, value);
    }
}
