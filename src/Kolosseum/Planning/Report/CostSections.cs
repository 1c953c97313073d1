using Kolosseum.Economics;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>Money: what the run costs and why, the cost of owning over the years against renting, and what moves it.</summary>
internal static class CostSections
{
    public static ReportSection RunCost(Plan plan)
    {
        var blocks = new List<ReportBlock> { new ChartBlock(RunCostChart(plan)) };
        foreach (var p in plan.Options.Where(p => p.Option.Ownership == Ownership.Owned))
        {
            blocks.Add(new TableBlock(new ReportTable("Up-front capex: " + p.Option.Name,
                [new TableColumn("Asset"), new TableColumn("Amount"), new TableColumn("Life"), new TableColumn("Basis")],
                [
                    .. p.Cost.Capex.Lines.Select(l => Row(l.Name, ReportValue.Of(l.Amount), ReportValue.Of(l.Life), l.Basis)),
                    Row("Total", ReportValue.Of(p.Cost.Capex.Total), "", ""),
                ])));
            blocks.Add(new TableBlock(new ReportTable("Cost of owning per year: " + p.Option.Name,
                [new TableColumn("Item"), new TableColumn("Per year"), new TableColumn("Basis")],
                [
                    .. p.Cost.FixedPerYear.Select(l => Row(l.Name, ReportValue.Of(l.PerYear), l.Basis)),
                    Row("Energy", ReportValue.Of(p.Cost.EnergyPerYear),
                        "busy " + Percent(p.Cost.Utilisation).Text + " of the year at the run's average draw (" + p.Cost.EnergyPerYearBusy + " a year if always busy), idle otherwise"),
                ])));
        }
        foreach (var p in plan.Options)
            foreach (var problem in p.Cost.Problems)
                blocks.Add(new NoteBlock(p.Option.Name + ": " + problem));
        return new ReportSection("Cost of the run", [.. blocks])
        {
            Lead = "What one training run costs on each option, and what the money pays for.",
        };
    }

    private static BarChart RunCostChart(Plan plan)
    {
        var categories = new List<string>();
        var values = new List<double[]>(); // capital, operations, energy, idle energy, rent
        foreach (var p in plan.Options)
        {
            var c = p.Cost;
            if (p.Option.Ownership == Ownership.Owned)
            {
                categories.Add(p.Option.Name);
                values.Add([c.OwnedRun.Capital.Value, c.OwnedRun.Operations.Value, c.OwnedRun.Energy.Value, c.OwnedRun.IdleEnergy.Value, 0]);
                if (c.RentedRun is { } same)
                {
                    categories.Add(p.Option.Name + ", rented");
                    values.Add([0, 0, 0, 0, same.Value]);
                }
            }
            else
            {
                categories.Add(p.Option.Name);
                values.Add([0, 0, 0, 0, c.RentedRun?.Value ?? double.NaN]);
            }
        }
        string[] names = ["capital charges", "operations (maintenance, insurance, staff, rent)", "energy of the run", "idle energy (utilisation below 100 %)", "rent (with overhead)"];
        return new BarChart("Cost of the run", [.. categories],
            [.. names.Select((n, i) => new BarSeries(n, [.. values.Select(v => v[i])]))],
            new AxisSpec("Cost of one run", AxisUnit.Usd))
        {
            Description = "An owned cluster charges the run its share of a year's capital charges and running costs for the wall-clock time, "
                + "plus the idle share implied by its utilisation; a rented one pays GPU-hours at the rental price (\", rented\": the owned option's GPUs rented for the same time).",
        };
    }

    public static ReportSection Tco(Plan plan)
    {
        var series = new List<LineSeries>();
        foreach (var p in plan.Options)
        {
            var c = p.Cost;
            var years = Years(c.Horizon.Years);
            if (p.Option.Ownership == Ownership.Owned)
            {
                series.Add(new LineSeries(p.Option.Name + ": capex, then running costs", [.. years.Select(t => Point(t, c.Capex.Total.Value + c.CashOpexPerYear.Value * t))]));
                series.Add(new LineSeries(p.Option.Name + ": levelised (capital charges)", [.. years.Select(t => Point(t, (c.FixedTotalPerYear + c.EnergyPerYear).Value * t))]));
            }
            if (c.RentEffective is { } rent)
            {
                string name = p.Option.Ownership == Ownership.Owned ? p.Option.Name + ": renting the same GPUs" : p.Option.Name;
                series.Add(new LineSeries(name, [.. years.Select(t => Point(t, rent.UsdPerSecond * Duration.SecondsPerYear * t * c.Gpus))]));
            }
        }
        var chart = new LineChart("Cumulative cost over the years", new AxisSpec("Years from the start", AxisUnit.Duration), new AxisSpec("Cumulative cost", AxisUnit.Usd), [.. series])
        {
            Description = "Owning: the capex on day one, then maintenance, insurance, staff, rent and energy each year (cash, residual value not subtracted); "
                + "levelised: the yearly capital charges at the cost of capital instead of the capex (the comparison table's TCO); renting: GPU-hours around the clock.",
        };
        var table = PerOption(plan, "Total cost of ownership over the horizon",
        [
            ("horizon", p => ReportValue.Of(p.Cost.Horizon)),
            ("up-front capex", p => ReportValue.Of(p.Cost.UpFrontCapex)),
            ("fixed costs per year", p => Owned(p, c => ReportValue.Of(c.FixedTotalPerYear))),
            ("energy per year", p => Owned(p, c => ReportValue.Of(c.EnergyPerYear))),
            ("utilisation of the cluster", p => Owned(p, c => Percent(c.Utilisation))),
            ("TCO, levelised", p => Owned(p, c => ReportValue.Of(c.OwnedTcoLevelised))),
            ("TCO, cash less residual value", p => Owned(p, c => ReportValue.Of(c.OwnedTcoCash))),
            ("renting these GPUs for the horizon", p => p.Cost.RentedTco is { } r ? ReportValue.Of(r) : "no rental price"),
            ("rental price with overhead", p => p.Cost.RentEffective is { } r ? Rate(r) : ReportValue.Empty),
            ("owned cost per useful GPU-hour", p => Owned(p, c => Rate(c.OwnedPerUsefulGpuHour))),
            ("owning beats renting above utilisation", p => Owned(p, c => c.BreakEven is { } b ? (b.Utilisation is { } u ? Percent(u) : "never") : ReportValue.Empty)),
            ("capex paid back by avoided rent after", p => Owned(p, c => c.BreakEven is { } b ? (b.Horizon is { } h ? ReportValue.Of(h) : "never") : ReportValue.Empty)),
        ]);
        return new ReportSection("Cost over time", [new ChartBlock(chart), new TableBlock(table)])
        {
            Lead = "What each option costs year by year over the horizon, and where owning overtakes renting.",
        };
    }

    public static ReportSection Sensitivity(Plan plan)
    {
        var blocks = new List<ReportBlock>();
        foreach (var p in plan.Options)
        {
            // Inputs that do not enter this option's cost (energy price for a rented cluster) would draw empty bars.
            var moving = p.Tornado.Where(t => t.Spread.Value > 0).ToList();
            var still = p.Tornado.Where(t => !(t.Spread.Value > 0)).Select(t => InputName(t.Input)).ToList();
            blocks.Add(new ChartBlock(new TornadoChart("What moves the cost of the run: " + p.Option.Name, new AxisSpec("Cost of the run", AxisUnit.Usd), p.Cost.RunCost.Value,
                [.. moving.Select(t => new TornadoBar(InputName(t.Input), t.AtLow.Value, t.AtHigh.Value, Factor(t.LowFactor), Factor(t.HighFactor)))])
            {
                Description = "Each input moved alone to the low and high ends of its published spread (a multiplier on the scenario's value), the others held."
                    + (still.Count > 0 ? " Inputs that do not change this cost: " + string.Join(", ", still) + "." : ""),
            }));
        }
        return new ReportSection("Sensitivity", [.. blocks])
        {
            Lead = "Which uncertain input moves the cost of the run the most.",
        };
    }

    private static ReportValue Owned(OptionPlan p, Func<OptionCost, ReportValue> value) =>
        p.Option.Ownership == Ownership.Owned ? value(p.Cost) : "rented";

    private static string InputName(SensitivityInput input) => Yaml.EnumNames<SensitivityInput>.Name(input).Replace('_', ' ');

    private static string Factor(double f) => "×" + UnitFormat.Number(f);

    /// <summary>Whole years from 0, and the horizon itself when it is not whole.</summary>
    private static IReadOnlyList<double> Years(double horizon)
    {
        if (!(horizon > 0) || !double.IsFinite(horizon)) return [];
        // A point a year; the cap only bounds the output for an absurd horizon.
        var years = Enumerable.Range(0, (int)Math.Floor(Math.Min(horizon, 1000)) + 1).Select(y => (double)y).ToList();
        if (years[^1] < horizon) years.Add(horizon);
        return years;
    }

    private static ChartPoint Point(double years, double usd) => new(years * Duration.SecondsPerYear, usd);
}
