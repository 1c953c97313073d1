using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum cost [SCENARIO] [--days D[,D...]] [--json]</c>: capex, yearly cost, the cost of one training run
/// owned and rented, total cost of ownership, the break-even between owning and renting, and a tornado table,
/// for every option of a scenario. Days to train come from --days or from named stand-in assumptions.
/// </summary>
internal static class CostCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario, 24k rented vs 100k owned H100)", Arity = ArgumentArity.ZeroOrOne };
        var days = new Option<string?>("--days") { Description = "Wall-clock days to train, one for all options or one per option (e.g. 96,24); default: stand-in MFU and ETTR, named in the output" };
        var json = CommonOptions.Json();
        var command = new Command("cost", "Cost of a training run owned or rented, total cost of ownership, break-even and sensitivity for each option") { scenario, days, json };
        command.SetAction(parse => Run(context, parse.GetValue(scenario), parse.GetValue(days), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, string? daysText, bool json)
    {
        var bag = new DiagnosticBag();
        var s = ScenarioInput.Load(path, bag);
        if (s is null) return context.Fail(bag);
        context.Warn(bag);
        var flags = new FlagValues(bag);
        var days = PowerFlags.Days(flags, daysText, s.Options.Count);
        if (bag.HasErrors) return context.Fail(bag);

        var power = s.Sections.Get<PowerSettings>();
        var economics = s.Sections.Get<EconomicsSettings>();
        var counts = WorkloadMath.Count(s.Model);
        var totalFlops = new Flops(WorkloadMath.TrainingFlopsPerToken(s.Model, counts, s.Training.SeqLen, causal: false) * s.Training.Tokens);
        var results = new List<CostView.OptionResult>();
        for (int i = 0; i < s.Options.Count; i++)
        {
            var o = s.Options[i];
            var rent = o.Sections.Get<RentalChoice>().Resolve(o.Name, o.Gpu.Id, economics, s.Catalog);
            if (o.Ownership == Ownership.Rented && rent is null)
            {
                bag.Error(DiagnosticCodes.Inconsistent, new SourceLocation(s.File, 0, 0), $"options[{i.Inv()}].rental", null,
                    $"option '{o.Name}' is rented but no rental price applies to {o.Gpu.Id} (economics.rental is for {economics.Rental.GpuId})",
                    "add rental: {price: <catalog id>} or rental: {price_per_gpu_hour: ...} to the option");
                continue;
            }
            var wall = days is null ? (Duration?)null : days.Count == 1 ? days[0] : days[i];
            results.Add(Evaluate(o, power, economics, s.Catalog, totalFlops, s.Training.Precision, wall, rent));
        }
        if (bag.HasErrors) return context.Fail(bag);

        var view = new CostView(s, totalFlops, results, power, economics, days is not null);
        int code = results.Any(r => r.Cost is not null) ? ExitCodes.Success : ExitCodes.Infeasible;
        if (json)
        {
            Json.Write(context, view.ToJson());
            return code;
        }
        view.Render(context);
        return code;
    }

    private static CostView.OptionResult Evaluate(ClusterOption o, PowerSettings power, EconomicsSettings economics, Catalog.Catalog catalog,
        Flops totalFlops, Hardware.Precision precision, Duration? wallClock, (HourlyRate Price, Assumption Echo)? rent)
    {
        var a = economics.RunProfile;
        var notes = new List<string>();
        var estimate = StandInRun.Estimate(a, o.Gpu, o.Gpus, Duration.Zero);
        double ettr = estimate.Ettr;
        Duration productive;
        string daysBasis;
        if (wallClock is { } w)
        {
            if (estimate.Run is null)
            {
                ettr = 1;
                notes.Add(estimate.Problem! + "; the given days are taken as all productive");
            }
            productive = w * ettr;
            daysBasis = "--days";
        }
        else
        {
            if (estimate.Run is null)
                return new CostView.OptionResult(o, null, null, null, estimate.Problem, notes, rent?.Echo);
            productive = StandInRun.ProductiveTime(a, o.Gpu, o.Gpus, totalFlops, precision);
            daysBasis = $"stand-in: {totalFlops} at {UnitFormat.Percent(a.Mfu, 0)} MFU of {o.Gpu.Peak(precision)} per GPU, ETTR {ettr.Inv("0.00")} ({a.Id})";
        }
        if (estimate.Run is not null)
            notes.Add($"ETTR {ettr.Inv("0.00")} (stand-in): an interruption every {estimate.JobMeanTimeBetweenInterruptions}, checkpoints every {estimate.CheckpointInterval}, {a.CheckpointPause} pause, {a.RestartTime} restart");
        var run = new RunProfile(StepPhases.FromMfu(a.Mfu, o.Gpu.Efficiency.Matmul), a.StepTime, productive, ettr, estimate.CheckpointInterval, a.CheckpointPause, a.RestartTime);
        var (network, fabricProblem) = FabricLoad.ForOption(catalog, o);
        if (fabricProblem is not null) notes.Add(fabricProblem);
        var inputs = new CostInputs
        {
            Name = o.Name, Ownership = o.Ownership, Inventory = ClusterInventory.ForOption(o, power, catalog, network), Run = run,
            Power = power, Economics = economics, RentPrice = rent?.Price,
        };
        var cost = CostModel.Evaluate(inputs);
        var tornado = Tornado.Run(inputs, economics.Sensitivity, c => c.RunCost);
        return new CostView.OptionResult(o, cost, tornado, daysBasis, null, notes, rent?.Echo, inputs.Inventory.Network.Basis);
    }
}
