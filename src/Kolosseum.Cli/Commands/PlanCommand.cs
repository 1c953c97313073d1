using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Workload;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum plan [SCENARIO]</c>: the whole answer for every cluster option of a scenario.</summary>
internal static class PlanCommand
{
    /// <summary>Stated assumption for the ideal-days figure until a layout is estimated.</summary>
    private const double AssumedMfu = 0.40;

    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario, 24k rented vs 100k owned H100)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("plan", "Plan a training run on one or more cluster options: speed, days, power, reliability, cost, build-out") { scenario, json };
        command.SetAction(parse => Run(context, parse.GetValue(scenario), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, bool json)
    {
        var bag = new DiagnosticBag();
        var s = ScenarioInput.Load(path, bag);
        if (s is null) return context.Fail(bag);
        context.Warn(bag);
        var counts = WorkloadMath.Count(s.Model);
        double flopsPerToken = WorkloadMath.TrainingFlopsPerToken(s.Model, counts, s.Training.SeqLen, causal: false);
        var total = new Flops(flopsPerToken * s.Training.Tokens);
        var options = s.Options.Select(o =>
        {
            var peak = o.Gpu.Peak(s.Training.Precision) * o.Gpus;
            var ideal = total / (peak * AssumedMfu);
            return new { o.Name, o.Gpus, Peak = peak, IdealDays = ideal.Days, Option = o };
        }).ToList();

        if (json)
        {
            return Json.Write(context, new
            {
                scenario = new { name = s.Name, file = s.File, model = s.Model.Id, tokens = s.Training.Tokens, global_batch = s.Training.GlobalBatch, seq_len = s.Training.SeqLen, precision = s.Training.Precision },
                workload = new { total_params = counts.Total, active_params = counts.Active, training_flops_per_token = flopsPerToken, training_flops = total.Value },
                assumed_mfu = AssumedMfu,
                options = options.Select(o => new { name = o.Name, gpus = o.Gpus, peak_flops_per_s = o.Peak.Value, ideal_days = o.IdealDays }),
            });
        }
        context.Console.MarkupLine($"[bold]{TerminalText.Markup(s.Name)}[/]");
        context.Console.MarkupLine($"Model {TerminalText.Markup(s.Model.Name)}: {UnitFormat.Number(counts.Total / 1e9)}B parameters ({UnitFormat.Number(counts.Active / 1e9)}B active), {UnitFormat.Number(s.Training.Tokens / 1e12)}T tokens, {total}");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("option");
        table.AddColumn(new TableColumn("GPUs").RightAligned());
        table.AddColumn(new TableColumn("peak").RightAligned());
        table.AddColumn(new TableColumn($"ideal days at {AssumedMfu:P0} MFU").RightAligned());
        foreach (var o in options)
            table.AddRow(TerminalText.Markup(o.Name), o.Gpus.Inv(), o.Peak.ToString(), UnitFormat.Number(o.IdealDays));
        context.Console.Write(table);
        return ExitCodes.Success;
    }
}
