using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Uncertainty;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum plan [SCENARIO]</c>: the whole answer for every cluster option of a scenario.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario, 24k rented vs 100k owned H100)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var seed = CommonOptions.Seed();
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file" };
        var resolved = new Option<string?>("--write-resolved") { Description = "Write the scenario as planned, every filled-in value written out, to this YAML file: 'plan FILE' repeats the plan" };
        var parents = new Option<bool>("--create-dirs") { Description = "Create the parent folders of --report and --write-resolved when they do not exist" };
        var trials = new Option<string?>("--trials") { Description = "Monte-Carlo trials for reliability and build-out (default: the scenario's)" };
        var threads = new Option<string?>("--threads") { Description = "Worker threads (default: all cores; results do not depend on it)" };
        var noWhatIf = new Option<bool>("--no-what-if") { Description = "Skip the reliability what-if table (faster)" };
        var uncertainty = new Option<bool>("--uncertainty") { Description = "Sample the uncertain inputs jointly and report P10/P50/P90, win chances, ties and flip values (the default)" };
        var noUncertainty = new Option<bool>("--no-uncertainty") { Description = "The deterministic plan only: every input at its point value" };
        var samples = new Option<string?>("--samples") { Description = "Joint Latin-hypercube samples of the uncertain inputs (default: the scenario's, 500)" };
        var rankBy = new Option<string?>("--rank-by")
        {
            Description = "Among layouts that deliver the run about equally soon with failures (search.days_slack), prefer: days, cost (GPU-hours) or energy (default: the scenario's search.rank_by, days)",
        };
        var command = new Command("plan", "Plan a training run on one or more cluster options: speed, days, power, reliability, cost, build-out")
        {
            scenario, json, seed, report, resolved, parents, trials, threads, noWhatIf, uncertainty, noUncertainty, samples, rankBy,
        };
        command.SetAction(parse => Run(context, parse.GetValue(scenario), parse.GetValue(json), parse.GetValue(seed), parse.GetValue(report),
            parse.GetValue(resolved), parse.GetValue(parents), parse.GetValue(trials), parse.GetValue(threads), parse.GetValue(noWhatIf),
            new UncertaintyFlags(parse.GetValue(uncertainty), parse.GetValue(noUncertainty), parse.GetValue(samples)), parse.GetValue(rankBy)));
        return command;
    }

    private static int Run(CliContext context, string? path, bool json, string? seedText, string? reportPath, string? resolvedPath, bool createDirs,
        string? trialsText, string? threadsText, bool noWhatIf, UncertaintyFlags sampling, string? rankByText)
    {
        var bag = new DiagnosticBag();
        var flags = new FlagValues(bag);
        long? seed = flags.Integer("--seed", seedText, 0, QuantityParser.MaxExactInteger);
        int? trials = flags.Int("--trials", trialsText, 1, 200_000);
        int? threads = flags.Int("--threads", threadsText, 1, 1024);
        RankBy? rankBy = flags.Enum<RankBy>("--rank-by", rankByText);
        int? samples = flags.Int("--samples", sampling.Samples, 1, UncertaintyProfile.MaxSamples);
        if (sampling.On && sampling.Off)
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--no-uncertainty"), "--no-uncertainty", null, "--uncertainty and --no-uncertainty contradict each other", "give one of them");
        if (sampling.Off && samples is not null)
            bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--samples"), "--samples", sampling.Samples, "--samples needs the uncertainty analysis, which --no-uncertainty turns off", "drop one of them");
        if (reportPath is not null) PlanReportFile.Check(reportPath, createDirs, bag, path is null ? [] : [path]);
        if (resolvedPath is not null) PlanReportFile.Check(resolvedPath, createDirs, bag, path is null ? [] : [path], "--write-resolved");
        var scenario = bag.HasErrors ? null : ScenarioInput.Load(path, bag);
        if (scenario is null || bag.HasErrors) return context.Fail(bag);
        context.Warn(bag);

        var options = new PlanOptions { Seed = seed is null ? null : (ulong)seed.Value, Trials = trials, Threads = threads, WhatIf = !noWhatIf, RankBy = rankBy };
        var plan = PlanProgressDisplay.Run(context, json, options, o => Planner.Run(scenario, o));
        var uncertain = sampling.Off || plan.Options.Count == 0 ? null
            : UncertainPlanner.Run(plan, scenario.Sections.Get<UncertaintySettings>(), new UncertaintyOptions { Samples = samples, Threads = threads });
        if (reportPath is not null)
        {
            var written = PlanReportFile.Write(plan, reportPath, createDirs, uncertain);
            if (written is not null)
            {
                bag.Add(written);
                return context.Fail(bag);
            }
            context.Stderr.WriteLine($"report written to {TerminalText.Clean(reportPath)}");
        }
        if (resolvedPath is not null)
        {
            if (PlanReportFile.WriteResolved(plan, resolvedPath, createDirs) is { } failed)
            {
                bag.Add(failed);
                return context.Fail(bag);
            }
            context.Stderr.WriteLine($"resolved scenario written to {TerminalText.Clean(resolvedPath)}");
        }
        if (json) Json.Write(context, PlanJson.Of(plan, uncertain));
        else PlanView.Render(context, plan, reportPath is not null, uncertain);
        return plan.Options.Count > 0 ? ExitCodes.Success : ExitCodes.Infeasible;
    }
}

/// <summary>The uncertainty switches as given: on (the default), off, and the sample count as written.</summary>
internal readonly record struct UncertaintyFlags(bool On, bool Off, string? Samples);

/// <summary>Live progress on stderr while the Monte-Carlo parts run (interactive terminals only).</summary>
internal static class PlanProgressDisplay
{
    public static Plan Run(CliContext context, bool json, PlanOptions options, Func<PlanOptions, Plan> run)
    {
        if (!context.Interactive) return run(options);
        Plan? plan = null;
        context.ErrorConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            var progress = new Progress<PlanProgress>(p =>
            {
                if (!tasks.TryGetValue(p.Option, out var task)) tasks[p.Option] = task = ctx.AddTask(TerminalText.Markup(p.Option), maxValue: 1.0);
                task.Description = $"{TerminalText.Markup(p.Option)}: {p.Stage}";
                task.Value = p.Stage == "done" ? 1.0 : Math.Min(0.99, p.Fraction);
            });
            plan = run(options with { Progress = progress });
        });
        return plan!;
    }
}
