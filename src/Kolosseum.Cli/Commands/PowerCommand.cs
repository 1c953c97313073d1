using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum power --gpu G --gpus N [--node NODE] [--pue P] [--site-mw M] [--days D] [--json]</c>: IT and
/// facility megawatts by component, the swing of a synchronous job and the battery that would flatten it,
/// energy, cost and carbon, and whether the cluster fits a grid connection.
/// </summary>
internal static class PowerCommand
{
    public static Command Create(CliContext context)
    {
        var gpu = CommonOptions.Gpu();
        var gpus = CommonOptions.Gpus();
        var node = new Option<string?>("--node") { Description = "Node catalog id, e.g. hgx-h100 (default: the first catalog node that holds the GPU)" };
        var pue = new Option<string?>("--pue") { Description = "Power usage effectiveness, e.g. 1.2 (default: the facility's, new-hyperscale-liquid)" };
        var site = new Option<string?>("--site-mw") { Description = "Grid connection in MW, e.g. 150: does the cluster fit, and what is the largest that does?" };
        var days = new Option<string?>("--days") { Description = "Wall-clock days of one training run, for its energy, cost and carbon" };
        var json = CommonOptions.Json();
        var command = new Command("power", "Megawatts of a GPU cluster by component, the swing of synchronous training, energy, cost, carbon and site fit")
        {
            gpu, gpus, node, pue, site, days, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(gpu), parse.GetValue(gpus), parse.GetValue(node), parse.GetValue(pue),
            parse.GetValue(site), parse.GetValue(days), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? gpuText, string? gpusText, string? nodeText, string? pueText, string? siteText, string? daysText, bool json)
    {
        var bag = new DiagnosticBag();
        var flags = new FlagValues(bag);
        var catalog = Catalog.Catalog.Embedded;
        var fallback = DefaultOption();
        var echo = new List<Assumption>();

        GpuSpec? gpu = fallback.Gpu;
        if (gpuText is not null)
            gpu = catalog.CheckId<GpuSpec>(gpuText, SourceLocation.ForFlag("--gpu"), "--gpu", bag) ? catalog.Get<GpuSpec>(gpuText) : null;
        long? gpus = gpusText is null ? fallback.Gpus : flags.Integer("--gpus", gpusText, 1, 10_000_000);
        NodeSpec? node = null;
        if (nodeText is not null)
        {
            if (catalog.CheckId<NodeSpec>(nodeText, SourceLocation.ForFlag("--node"), "--node", bag))
            {
                node = catalog.Get<NodeSpec>(nodeText);
                if (gpu is not null && node.GpuId != gpu.Id)
                {
                    bag.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--node"), "--node", nodeText, $"this node holds {node.GpuId}, not {gpu.Id}",
                        "nodes for this GPU: " + string.Join(", ", catalog.All<NodeSpec>().Where(n => n.GpuId == gpu.Id).Select(n => n.Id)));
                    node = null;
                }
            }
        }
        else if (gpu is not null)
        {
            // The same server as fabric and every other command for this GPU (not the default scenario's own choice).
            node = DefaultNode.For(catalog, gpu.Id);
            if (node is null) bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--node"), "--node", null, $"no catalog node holds {gpu.Id}", "add one under catalog: nodes: in a scenario");
        }
        double? pue = flags.Quantity("--pue", pueText, Dimension.Dimensionless, min: 1, max: 3);
        var site = PowerFlags.SiteLimit(flags, siteText);
        var days = PowerFlags.Days(flags, daysText, 1);
        if (bag.HasErrors || gpu is null || gpus is null || node is null) return context.Fail(bag);

        echo.Add(new Assumption("gpu", gpu.Id, gpuText is null ? $"default scenario option '{fallback.Name}'" : "--gpu"));
        echo.Add(new Assumption("gpus", gpus.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), gpusText is null ? $"default scenario option '{fallback.Name}'" : "--gpus"));
        echo.Add(new Assumption("node", node.Id, nodeText is null ? DefaultNode.Rule : "--node"));

        var settings = PowerSettings.Defaults(catalog);
        if (pue is not null) settings = settings with { Pue = pue.Value };
        if (site is not null) settings = settings with { SiteLimit = site };
        echo.AddRange(settings.Assumptions.Where(a => !(pue is not null && a.Key == "power.pue") && !(site is not null && a.Key == "power.site_limit")));
        if (pue is not null) echo.Add(new Assumption("power.pue", pue.Value.Inv(), "--pue"));
        if (site is not null) echo.Add(new Assumption("power.site_limit", site.Value.ToString(), "--site-mw"));
        var economics = EconomicsSettings.Defaults(catalog);
        echo.Add(new Assumption("economics.utilisation", EconomicsSettings.Pct(economics.Utilisation), PowerSettings.Source(catalog, OpexAssumptions.Kind, economics.Opex.Id, "utilisation")));

        var fabricSettings = FabricSettings.Defaults(catalog, node.Id, gpu.Id, gpus.Value);
        var (network, fabricProblem) = FabricLoad.Design(catalog, gpu, node, gpus.Value, fabricSettings);
        echo.Add(new Assumption("network", network.Basis, network.IsApproximation ? "approximation" : $"fabric designer, catalog fabric_defaults '{fabricSettings.DefaultsId}' (docs/fabric.md)"));
        var inventory = ClusterInventory.Build(gpu, node, gpus.Value, settings.Sizing, catalog.Get<StorageSpec>(settings.Sizing.StorageId), network);
        var (run, standInNotes) = StandIn(economics.RunProfile, gpu, gpus.Value, days?[0]);
        var runNotes = fabricProblem is null ? standInNotes : [fabricProblem, .. standInNotes];
        echo.Add(new Assumption("run", economics.RunProfile.Id, economics.RunProfile.Name + " (stand-in: the plan supplies step time, phases, ETTR)"));
        var report = PowerModel.Evaluate(inventory, settings, run, economics.Utilisation, economics.Capex.BatteryPerKilowattHour);
        var view = new PowerView(report, echo, runNotes, days is not null);
        return json ? Json.Write(context, view.ToJson()) : view.Render(context);
    }

    /// <summary>The default scenario's first owned option: what 'kolosseum power' describes when no flag says otherwise.</summary>
    private static ClusterOption DefaultOption()
    {
        var s = ScenarioLoader.Default();
        return s.Options.FirstOrDefault(o => o.Ownership == Ownership.Owned) ?? s.Options[0];
    }

    /// <summary>
    /// A stand-in run: phases from the stand-in MFU, ETTR from the stand-in failure figures. With --days the
    /// wall-clock is given; without, the run's proportions are all the yearly figures need.
    /// </summary>
    internal static (RunProfile Run, IReadOnlyList<string> Notes) StandIn(RunAssumptions a, GpuSpec gpu, long gpus, Duration? wallClock)
    {
        var notes = new List<string>();
        var estimate = StandInRun.Estimate(a, gpu, gpus, Duration.Zero);
        double ettr = estimate.Ettr;
        if (estimate.Run is null)
        {
            notes.Add(estimate.Problem! + "; energy assumes a run without failures");
            ettr = 1;
        }
        else
        {
            notes.Add($"stand-in ETTR {ettr.Inv("0.00")}: an interruption every {estimate.JobMeanTimeBetweenInterruptions}, checkpoints every {estimate.CheckpointInterval} (Young), {a.CheckpointPause} pause, {a.RestartTime} restart");
        }
        var productive = wallClock is { } w ? w * ettr : Duration.Zero;
        var run = new RunProfile(StepPhases.FromMfu(a.Mfu, gpu.Efficiency.Matmul), a.StepTime, productive, ettr, estimate.CheckpointInterval, a.CheckpointPause, a.RestartTime);
        notes.Add($"stand-in step: {a.StepTime}, {run.Phases} (MFU {a.Mfu.Inv("P0")} / matmul efficiency {gpu.Efficiency.Matmul.Inv("P0")})");
        return (run, notes);
    }
}
