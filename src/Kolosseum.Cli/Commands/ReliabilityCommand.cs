using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum reliability [SCENARIO]</c>: a Monte-Carlo simulation of the whole run with failures,
/// checkpoints, restarts, spares and stragglers; days to finish, ETTR, interruptions by cause, GPU-hours
/// lost by reason, and (with --what-if) what each mitigation buys.
/// </summary>
internal static class ReliabilityCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario); not needed with --gpu and --gpus", Arity = ArgumentArity.ZeroOrOne };
        Option<string?> Text(string name, string description) => new(name) { Description = description };
        var option = Text("--option", "Which cluster option of the scenario (default: the first)");
        var gpu = CommonOptions.Gpu();
        var gpus = CommonOptions.Gpus();
        var node = Text("--node", "Node catalog id (default: the first catalog node that holds the GPU)");
        var model = CommonOptions.Model();
        var days = Text("--days", "Failure-free length of the run, in days (e.g. 54 or 54d)");
        var stepTime = Text("--step-time", "Step time (e.g. 6.5s); with --tokens, --global-batch and --seq gives the run's length");
        var tokens = Text("--tokens", "Tokens to train on (e.g. 15T)");
        var batch = Text("--global-batch", "Sequences per step (e.g. 2048)");
        var seq = Text("--seq", "Tokens per sequence (default: the model's)");
        var mfu = Text("--mfu", "With a scenario and no step time: the MFU assumed to get the run's length (default 40%)");
        var size = Text("--checkpoint-size", "Checkpoint size (default: from --model, e.g. 5.7TB)");
        var interval = Text("--checkpoint-interval", "auto (Daly's optimum) or a duration such as 30min");
        var mode = Text("--checkpoint-mode", "sync, async or in_memory");
        var storage = Text("--storage", "Storage catalog id for checkpoints");
        var units = Text("--storage-units", "auto or a number of storage units");
        var spares = Text("--spares", "Hot spare nodes, percent of the job's nodes (e.g. 5)");
        var whenOut = Text("--when-spares-run-out", "wait or shrink");
        var rates = Text("--failure-rates", "Failure-rate sets, comma-separated (e.g. llama3,llama3-planned; see 'kolosseum catalog failures')");
        var dist = Text("--distribution", "exponential or weibull");
        var profile = Text("--profile", "Reliability catalog profile (default: default); replaces the scenario's reliability section");
        var stragglers = Text("--stragglers", "on or off");
        var window = Text("--window", "Simulate a fixed wall-clock window (e.g. 54d) and count what happens in it");
        var trials = Text("--trials", "Monte-Carlo trials (default from the catalog: 1000)");
        var seed = CommonOptions.Seed();
        var threads = Text("--threads", "Worker threads (default: all cores); the result does not depend on it");
        var events = Text("--timeline-events", "Events of trial 0's timeline in the JSON (default 100)");
        var whatIf = new Option<bool>("--what-if") { Description = "Also simulate each mitigation (faster restart, checkpoint modes, spares, ...)" };
        var json = CommonOptions.Json();
        var command = new Command("reliability", "Simulate failures, checkpoints, restarts and spares over the whole run: days to finish, ETTR, losses by cause, what-ifs")
        {
            scenario, option, gpu, gpus, node, model, days, stepTime, tokens, batch, seq, mfu, size, interval, mode, storage, units, spares, whenOut,
            rates, dist, profile, stragglers, window, trials, seed, threads, events, whatIf, json,
        };
        command.SetAction(p => Run(context, new ReliabilityFlags
        {
            Scenario = p.GetValue(scenario), Option = p.GetValue(option), Gpu = p.GetValue(gpu), Gpus = p.GetValue(gpus), Node = p.GetValue(node),
            Model = p.GetValue(model), Days = p.GetValue(days), StepTime = p.GetValue(stepTime), Tokens = p.GetValue(tokens), GlobalBatch = p.GetValue(batch),
            Seq = p.GetValue(seq), Mfu = p.GetValue(mfu), CheckpointSize = p.GetValue(size), CheckpointInterval = p.GetValue(interval),
            CheckpointMode = p.GetValue(mode), Storage = p.GetValue(storage), StorageUnits = p.GetValue(units), Spares = p.GetValue(spares),
            WhenSparesRunOut = p.GetValue(whenOut), FailureRates = p.GetValue(rates), Distribution = p.GetValue(dist), Profile = p.GetValue(profile),
            Stragglers = p.GetValue(stragglers), Window = p.GetValue(window), Trials = p.GetValue(trials), Seed = p.GetValue(seed),
            Threads = p.GetValue(threads), TimelineEvents = p.GetValue(events), WhatIf = p.GetValue(whatIf), Json = p.GetValue(json),
        }));
        return command;
    }

    private static int Run(CliContext context, ReliabilityFlags flags)
    {
        var bag = new DiagnosticBag();
        var request = ReliabilityRequest.Build(flags, bag);
        if (request is null) return context.Fail(bag);
        context.Warn(bag);

        ReliabilityResult? single = null;
        WhatIfTable? whatIf = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Progress only where someone watches: a terminal, and not while a JSON document is produced.
        WithProgress(context, showProgress: context.Interactive && !flags.Json, flags.WhatIf ? "simulating the baseline and each what-if" : "simulating", progress =>
        {
            var options = request.Options with { Progress = progress };
            if (flags.WhatIf) whatIf = WhatIfAnalysis.Run(request.Job, request.Settings, request.Catalog, options);
            else single = ReliabilitySimulator.Run(ReliabilityInputs.Build(request.Job, request.Settings, request.Catalog), options);
        });
        var result = whatIf?.Baseline ?? single!;
        var elapsed = new Duration(clock.Elapsed.TotalSeconds);

        // A run with work to do that no trial finished is an answer (exit 1), and it says why.
        if (result.Infeasible is null && request.Job.Work is { } work && result.Finished == 0)
            result = result with { Infeasible = Unfinished(work, request.Job.Window, result) };
        if (flags.Json) Json.Write(context, ReliabilityJson.Build(request, result, whatIf));
        else ReliabilityText.Write(context.Console, request, result, whatIf);
        // The whole command's wall time, what-ifs included; on stderr so stdout stays the same for the same seed.
        int simulations = 1 + (whatIf?.Rows.Count ?? 0);
        context.Stderr.WriteLine(simulations == 1
            ? $"simulated {result.Trials.Inv()} trials in {elapsed}"
            : $"simulated {simulations.Inv()} runs of {result.Trials.Inv()} trials (the baseline and {(simulations - 1).Inv()} what-ifs) in {elapsed}");
        return result.Infeasible is null ? ExitCodes.Success : ExitCodes.Infeasible;
    }

    private static string Unfinished(Duration work, Duration? window, ReliabilityResult result)
    {
        if (window is { } w && w.Seconds < work.Seconds)
            return $"no trial finished: {work} of failure-free work cannot fit in the {w} window (--window); give a window longer than the work, or less work";
        if (window is { } w2)
            return $"no trial finished the {work} of work within the {w2} window: interruptions took more than the {new Duration(w2.Seconds - work.Seconds)} the window leaves; give a longer window";
        return $"no trial finished the {work} of work: {result.GaveUp.Inv()} of {result.Trials.Inv()} trials were abandoned after {(1 / ReliabilitySimulator.MinimumAnalyticEttr).Inv()} times their failure-free time";
    }

    /// <summary>Shows a progress bar on stderr in a terminal; runs silently otherwise.</summary>
    private static void WithProgress(CliContext context, bool showProgress, string label, Action<Action<long, long>?> work)
    {
        if (!showProgress)
        {
            work(null);
            return;
        }
        context.ErrorConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(label, maxValue: 1);
            work((done, total) => task.Value = (double)done / total);
        });
    }
}
