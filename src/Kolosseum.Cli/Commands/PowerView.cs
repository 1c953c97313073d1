using Kolosseum.Cli.Infrastructure;
using Kolosseum.Power;
using Kolosseum.Units;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>Renders a <see cref="PowerReport"/> as a terminal summary or one JSON document.</summary>
internal sealed class PowerView(PowerReport report, IReadOnlyList<Assumption> assumptions, IReadOnlyList<string> runNotes, bool hasRun)
{
    private static readonly PowerState[] States = [PowerState.Nameplate, PowerState.Compute, PowerState.Communication, PowerState.Stalled, PowerState.Idle];

    public object ToJson()
    {
        var p = report.Profile;
        var inv = report.Inventory;
        return new
        {
            gpu = inv.Gpu.Id, gpus = inv.Gpus, node = inv.Node.Id, nodes = inv.Nodes, storage_units = inv.StorageUnits,
            network_basis = inv.Network.Basis,
            pue = p.Pue,
            components = p.Components.Select(c => new
            {
                name = c.Name, count = c.Count, nameplate_w = c.Nameplate.Value, compute_w = c.Compute.Value,
                communication_w = c.Communication.Value, stalled_w = c.Stalled.Value, idle_w = c.Idle.Value,
            }),
            it_w = States.ToDictionary(s => Yaml.EnumNames<PowerState>.Name(s), s => p.It(s).Value),
            facility_w = States.ToDictionary(s => Yaml.EnumNames<PowerState>.Name(s), s => p.Facility(s).Value),
            it_step_average_w = p.ItStepAverage.Value,
            it_run_average_w = EnergyUse.AverageIt(p, report.Run).Value,
            step = new { time_s = report.Run.StepTime.Seconds, compute = p.Phases.Compute, communication = p.Phases.Communication, stalled = p.Phases.Stalled },
            ettr = report.Run.Ettr,
            swing = new
            {
                step_swing_w = report.Swing.StepSwing.Value, frequency_hz = report.Swing.FrequencyHz, ramp_w_per_s = report.Swing.RampWattsPerSecond,
                grid_ramp_w_per_minute = report.Swing.GridRampPerMinute.Value,
                events = report.Swing.Events.Select(e => new { name = e.Name, drop_w = e.Drop.Value, length_s = e.Length.Seconds, battery_w = e.BatteryPower.Value, battery_j = e.BatteryEnergy.Value }),
                battery_w = report.Swing.BatteryPower.Value, battery_j = report.Swing.BatteryEnergy.Value, battery_usd = report.BatteryCost.Value,
            },
            year = new
            {
                utilisation = report.Year.Utilisation, facility_average_w = report.Year.AverageFacility.Value, energy_j = report.Year.Facility.Value,
                energy_kwh = report.Year.Facility.KilowattHours, cost_usd = report.Year.Cost.Value, carbon_t = report.Year.Carbon.Tonnes,
            },
            run = hasRun ? new
            {
                wall_clock_s = report.RunEnergy.Time.WallClock.Seconds, productive_s = report.RunEnergy.Time.Productive.Seconds,
                checkpointing_s = report.RunEnergy.Time.Checkpointing.Seconds, rework_s = report.RunEnergy.Time.Rework.Seconds, restart_s = report.RunEnergy.Time.Restart.Seconds,
                it_energy_j = report.RunEnergy.It.Value, facility_energy_j = report.RunEnergy.Facility.Value, facility_energy_kwh = report.RunEnergy.Facility.KilowattHours,
                cost_usd = report.RunEnergy.Cost.Value, carbon_t = report.RunEnergy.Carbon.Tonnes,
            } : null,
            site = report.Site is { } s ? new
            {
                limit_w = s.Limit.Value, facility_capacity_w = s.FacilityCapacity.Value, facility_compute_peak_w = s.FacilityComputePeak.Value,
                fits = s.Fits, fits_at_compute_peak = s.FitsAtComputePeak, headroom_w = s.Headroom.Value, largest_gpus = s.LargestGpus,
            } : null,
            trace = report.Trace.Select(t => new { t_s = t.Seconds, it_w = t.It.Value, phase = t.Phase }),
            assumptions = assumptions.Select(a => new { key = a.Key, value = a.Value, source = a.Source }),
            notes = runNotes.Concat(report.Profile.Notes),
        };
    }

    public int Render(CliContext context)
    {
        var console = context.Console;
        var p = report.Profile;
        var inv = report.Inventory;
        console.MarkupLine($"[bold]Power of {UnitFormat.Count(inv.Gpus)} x {TerminalText.Markup(inv.Gpu.Name)}[/] in {UnitFormat.Count(inv.Nodes)} x {TerminalText.Markup(inv.Node.Id)}, PUE {p.Pue.Inv("0.##")}");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("component");
        table.AddColumn(new TableColumn("count").RightAligned());
        foreach (var s in States) table.AddColumn(new TableColumn(Yaml.EnumNames<PowerState>.Name(s)).RightAligned());
        foreach (var c in p.Components)
            table.AddRow([TerminalText.Markup(c.Name), c.Count > 0 ? UnitFormat.Count(c.Count) : "", .. States.Select(s => c.In(s).ToString())]);
        table.AddRow(["[bold]IT[/]", "", .. States.Select(s => $"[bold]{p.It(s)}[/]")]);
        table.AddRow([$"[bold]Facility (x {p.Pue.Inv("0.##")})[/]", "", .. States.Select(s => $"[bold]{p.Facility(s)}[/]")]);
        console.Write(table);

        var swing = report.Swing;
        string ramp = swing.RampWattsPerSecond is { } r ? $"{new Watts(r)}/s" : "unknown (no power_transition in the catalog)";
        console.MarkupLine($"Step: {report.Run.StepTime}, {report.Run.Phases}; step-average IT {p.ItStepAverage}, run-average IT {EnergyUse.AverageIt(p, report.Run)} at ETTR {report.Run.Ettr.Inv("0.00")}");
        console.MarkupLine($"Swing: [bold]{swing.StepSwing}[/] every step ({swing.FrequencyHz.Inv("0.###")} Hz), ramping at {ramp}; the grid follows {swing.GridRampPerMinute}/min");
        foreach (var e in swing.Events)
            console.MarkupLine($"  {TerminalText.Markup(e.Name)}: drop {e.Drop} for {e.Length} -> battery {e.BatteryPower}, {e.BatteryEnergy}");
        console.MarkupLine($"Battery to flatten it: [bold]{swing.BatteryPower}, {swing.BatteryEnergy}[/] (~{report.BatteryCost})");
        var y = report.Year;
        console.MarkupLine($"Per year at {UnitFormat.Percent(y.Utilisation, 0)} utilisation: {y.AverageFacility} average, [bold]{y.Facility}[/], {y.Cost}, {y.Carbon}");
        if (hasRun)
        {
            var e = report.RunEnergy;
            console.MarkupLine($"One run of {e.Time.WallClock}: [bold]{e.Facility}[/] at the facility, {e.Cost}, {e.Carbon}");
        }
        if (report.Site is { } site)
        {
            string verdict = site.Fits ? "[green]fits[/]" : "[red]does not fit[/]";
            console.MarkupLine($"Site limit {site.Limit}: nameplate x PUE {site.FacilityCapacity} {verdict} (compute-phase peak {site.FacilityComputePeak}); largest that fits: [bold]{UnitFormat.Count(site.LargestGpus, "GPU")}[/]");
        }
        console.MarkupLine("[dim]Assumptions:[/]");
        foreach (var a in assumptions)
            console.MarkupLine($"[dim]  {TerminalText.Markup(a.Key)} = {TerminalText.Markup(a.Value)}  ({TerminalText.Markup(a.Source)})[/]");
        foreach (var n in runNotes.Concat(report.Profile.Notes))
            console.MarkupLine($"[dim]  note: {TerminalText.Markup(n)}[/]");
        return ExitCodes.Success;
    }
}
