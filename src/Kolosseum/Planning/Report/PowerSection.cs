using Kolosseum.Power;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>Megawatts: the synthetic power trace of each option with its swing, the site limit, where the power goes.</summary>
internal static class PowerSection
{
    public static ReportSection Build(Plan plan)
    {
        var blocks = new List<ReportBlock>();
        foreach (var p in plan.Options) blocks.Add(new ChartBlock(Trace(p)));
        blocks.Add(new ChartBlock(StepsUpClose(plan)));
        blocks.Add(new ChartBlock(ByComponent(plan)));
        blocks.Add(new TableBlock(PerOption(plan, "Power, energy and swing",
        [
            ("IT capacity (nameplate)", p => Mw(p.Power.Profile.ItCapacity)),
            ("facility capacity (IT × PUE)", p => Mw(p.Power.Profile.FacilityCapacity)),
            ("IT draw in the compute phase", p => Mw(p.Power.Profile.It(PowerState.Compute))),
            ("IT draw in the communication phase", p => Mw(p.Power.Profile.It(PowerState.Communication))),
            ("IT draw while stalled (checkpoint, restart)", p => Mw(p.Power.Profile.It(PowerState.Stalled))),
            ("IT draw idle", p => Mw(p.Power.Profile.It(PowerState.Idle))),
            ("swing every step", p => Mw(p.Power.Swing.StepSwing)),
            ("swing frequency", p => ReportValue.Of(UnitFormat.Number(p.Power.Swing.FrequencyHz) + " Hz", p.Power.Swing.FrequencyHz)),
            ("swing ramp", p => p.Power.Swing.RampWattsPerSecond is { } r ? ReportValue.Of(UnitFormat.Number(r / 1e6) + " MW/s", r) : "unknown"),
            ("grid ramp limit", p => ReportValue.Of(UnitFormat.Number(p.Power.Swing.GridRampPerMinute.Megawatts) + " MW/min", p.Power.Swing.GridRampPerMinute.Value)),
            ("battery to flatten it: power", p => Mw(p.Power.Swing.BatteryPower)),
            ("battery to flatten it: energy", p => ReportValue.Of(UnitFormat.Number(p.Power.Swing.BatteryEnergy.KilowattHours / 1000) + " MWh", p.Power.Swing.BatteryEnergy.Value)),
            ("battery cost", p => ReportValue.Of(p.Power.BatteryCost)),
            ("site limit (facility)", p => OwnSite(p, s => Mw(s.Limit))),
            ("fits the site at nameplate", p => OwnSite(p, s => s.Fits ? "yes" : "no: at most " + Count(s.LargestGpus) + " GPUs")),
            ("fits the site at the compute-phase peak", p => OwnSite(p, s => s.FitsAtComputePeak ? "yes (" + s.FacilityComputePeak + ")" : "no (" + s.FacilityComputePeak + ")")),
            ("facility energy of the run", p => ReportValue.Of(p.Power.RunEnergy.Facility)),
            ("energy cost of the run", p => ReportValue.Of(p.Power.RunEnergy.Cost)),
            ("carbon of the run", p => Counted(Math.Round(p.Power.RunEnergy.Carbon.Grams / 1e6), "t CO2e")),
        ])));
        foreach (var p in plan.Options)
            foreach (var note in p.Power.Profile.Notes)
                blocks.Add(new NoteBlock(p.Option.Name + ": " + note));
        return new ReportSection("Power", [.. blocks])
        {
            Lead = "How many megawatts each option draws, how hard the draw swings every step, and whether it fits the site.",
        };
    }

    // A site limit constrains the site one builds; a rented cluster sits in the provider's data centre.
    private static ReportValue OwnSite(OptionPlan p, Func<SiteFit, ReportValue> value) =>
        p.Option.Ownership != Scenarios.Ownership.Owned ? "provider's site" : p.Site is { } s ? value(s) : "no limit given";

    /// <summary>The whole synthetic trace: job start at the grid ramp limit, steps, a checkpoint, a failure and restart, the end.</summary>
    private static LineChart Trace(OptionPlan p)
    {
        var power = p.Power;
        // The levels are the trace's own: GPUs that do not train add a steady draw under both.
        var markers = new List<ChartMarker>
        {
            new(Level(power.Trace, "compute"), "compute"),
            new(Level(power.Trace, "communication"), "communication, " + power.Swing.StepSwing + " lower"),
        };
        // The site limit is on facility power; the trace is IT power, so the limit is drawn at limit / PUE.
        if (power.Site is { } site && p.Option.Ownership == Scenarios.Ownership.Owned)
            markers.Add(new(site.Limit.Value / power.Profile.Pue, "site limit " + site.Limit + " ÷ PUE " + UnitFormat.Number(power.Profile.Pue)));
        return new LineChart("IT power over time: " + p.Option.Name,
            new AxisSpec("Time", AxisUnit.Duration), new AxisSpec("IT power", AxisUnit.Watts),
            [new LineSeries("IT power", [.. power.Trace.Select(t => new ChartPoint(t.Seconds, t.It.Value))])])
        {
            Description = "A stretch of the run drawn from the power model: idle, the job ramping up at the grid limit, "
                + PowerTrace.StepsBetweenEvents.Inv() + " steps, a checkpoint, steps, a failure and its restart, steps, and the end. "
                + "Each step swings between the compute and communication levels.",
            YMarkers = [.. markers],
        };
    }

    private static double Level(IReadOnlyList<TracePoint> trace, string phase) => trace.First(t => t.Phase == phase).It.Value;

    /// <summary>The first steps and the checkpoint of every option, from the first compute phase: the swing itself.</summary>
    private static LineChart StepsUpClose(Plan plan)
    {
        var series = new List<LineSeries>();
        foreach (var p in plan.Options)
        {
            var trace = p.Power.Trace;
            int first = IndexOf(trace, 0, "compute");
            if (first < 0) continue;
            int checkpoint = IndexOf(trace, first, "checkpoint");
            // Through the checkpoint's two points and into the next step.
            int last = checkpoint < 0 ? trace.Count - 1 : Math.Min(trace.Count - 1, checkpoint + 2);
            double t0 = trace[first].Seconds;
            series.Add(new LineSeries(p.Option.Name, [.. trace.Skip(first).Take(last - first + 1).Select(t => new ChartPoint(t.Seconds - t0, t.It.Value))]));
        }
        return new LineChart("The step swing up close", new AxisSpec("Time from the first step", AxisUnit.Duration), new AxisSpec("IT power", AxisUnit.Watts), [.. series])
        {
            Description = "The same traces from the first compute phase through the first checkpoint: a synchronous job moves its whole draw between two levels every step.",
        };
    }

    private static int IndexOf(IReadOnlyList<TracePoint> trace, int from, string phase)
    {
        for (int i = from; i < trace.Count; i++)
            if (trace[i].Phase == phase) return i;
        return -1;
    }

    private static BarChart ByComponent(Plan plan)
    {
        var names = Union(plan.Options.Select(p => p.Power.Profile.Components.Select(c => Group(c.Name))));
        return new BarChart("IT capacity by component", OptionNames(plan),
            [.. names.Select(n => new BarSeries(n, [.. plan.Options.Select(p => p.Power.Profile.Components.Where(c => Group(c.Name) == n).Sum(c => c.Nameplate.Value))]))],
            new AxisSpec("IT nameplate power", AxisUnit.Watts))
        {
            Description = "Nameplate IT power the site must provision, by kind of part (each network's switches, optics and cables together); the facility adds cooling and losses through the PUE.",
        };
    }

    /// <summary>"Network back-end switches (qm9700)" → "back-end network": one series per network, not per part.</summary>
    private static string Group(string component)
    {
        const string Network = "Network ";
        if (!component.StartsWith(Network, StringComparison.Ordinal)) return component;
        var words = component[Network.Length..].Split(' ');
        return words[0] + " network";
    }
}
