using System.Globalization;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>Renders the cost of every option of a scenario as a terminal summary or one JSON document.</summary>
internal sealed class CostView(Scenario scenario, Flops totalFlops, IReadOnlyList<CostView.OptionResult> results, PowerSettings power, EconomicsSettings economics, bool daysGiven)
{
    /// <summary>One option: its cost (null when it cannot be run), its tornado, where its days came from, and why it failed if it did.</summary>
    public sealed record OptionResult(ClusterOption Option, OptionCost? Cost, IReadOnlyList<TornadoRow>? Tornado, string? DaysBasis, string? Problem,
        IReadOnlyList<string> Notes, Assumption? RentEcho, string? Network = null);

    private IEnumerable<Assumption> Assumptions =>
        power.Assumptions.Concat(economics.Assumptions).Concat(results.Where(r => r.RentEcho is not null).Select(r => r.RentEcho!));

    public object ToJson() => new
    {
        scenario = new { name = scenario.Name, file = scenario.File, model = scenario.Model.Id, training_flops = totalFlops.Value },
        days_source = daysGiven ? "--days" : "stand-in run profile " + economics.RunProfile.Id,
        options = results.Select(r => r.Cost is not { } c ? (object)new { name = r.Option.Name, problem = r.Problem } : new
        {
            name = c.Name, ownership = c.Ownership, gpus = c.Gpus, days_basis = r.DaysBasis,
            wall_clock_days = c.WallClock.Days,
            capex = c.Capex.Lines.Select(l => new { name = l.Name, usd = l.Amount.Value, life_years = l.Life.Years, basis = l.Basis }),
            capex_total_usd = c.Capex.Total.Value,
            up_front_capex_usd = c.UpFrontCapex.Value,
            fixed_per_year = c.FixedPerYear.Select(l => new { name = l.Name, usd = l.PerYear.Value, basis = l.Basis, capital_charge = l.IsCapitalCharge }),
            utilisation = c.Utilisation, energy_per_year_usd = c.EnergyPerYear.Value,
            run = new
            {
                facility_energy_kwh = c.RunEnergy.Facility.KilowattHours, energy_usd = c.RunEnergy.Cost.Value, carbon_t = c.RunEnergy.Carbon.Tonnes,
                owned = new { capital_usd = c.OwnedRun.Capital.Value, operations_usd = c.OwnedRun.Operations.Value, energy_usd = c.OwnedRun.Energy.Value, idle_energy_usd = c.OwnedRun.IdleEnergy.Value, total_usd = c.OwnedRun.Total.Value },
                rented_usd = c.RentedRun?.Value,
                cost_usd = c.RunCost.Value,
            },
            owned_per_useful_gpu_hour_usd = c.OwnedPerUsefulGpuHour.UsdPerHour,
            rent_effective_per_gpu_hour_usd = c.RentEffective?.UsdPerHour,
            horizon_years = c.Horizon.Years,
            owned_tco_levelised_usd = c.OwnedTcoLevelised.Value, owned_tco_cash_usd = c.OwnedTcoCash.Value, rented_tco_usd = c.RentedTco?.Value,
            break_even = c.BreakEven is { } b ? new
            {
                utilisation = b.Utilisation, payback_years = b.Horizon?.Years, payback_beyond_hardware_life = b.HorizonBeyondHardwareLife, price_per_gpu_hour_usd = b.Price.UsdPerHour,
            } : null,
            tornado = r.Tornado!.Select(t => new { input = t.Input, low_factor = t.LowFactor, high_factor = t.HighFactor, run_cost_at_low_usd = t.AtLow.Value, run_cost_at_high_usd = t.AtHigh.Value }),
            network = r.Network,
            notes = r.Notes.Concat(c.Problems),
        }),
        assumptions = Assumptions.Select(a => new { key = a.Key, value = a.Value, source = a.Source }),
    };

    public void Render(CliContext context)
    {
        var console = context.Console;
        console.MarkupLine($"[bold]{TerminalText.Markup(scenario.Name)}[/]");
        console.MarkupLine($"One run of {totalFlops} ({TerminalText.Markup(scenario.Model.Name)}); days to train {(daysGiven ? "from --days" : $"from stand-in assumptions ({TerminalText.Markup(economics.RunProfile.Id)}), until the plan supplies them")}");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var col in new[] { "option", "GPUs", "pays by", "days", "run cost", "up-front capex", "own/GPU-h", "rent/GPU-h", $"TCO {EconomicsSettings.Years(economics.Horizon)}", "break-even", "payback" })
            table.AddColumn(new TableColumn(col));
        foreach (var r in results)
        {
            if (r.Cost is not { } c)
            {
                table.AddRow(TerminalText.Markup(r.Option.Name), N(r.Option.Gpus), r.Option.Ownership.Name(), "-", "[red]cannot run[/]", "", "", "", "", "", "");
                continue;
            }
            var b = c.BreakEven;
            table.AddRow(TerminalText.Markup(c.Name), N(c.Gpus), c.Ownership == Ownership.Owned ? "owning" : "renting", UnitFormat.Number(c.WallClock.Days),
                $"[bold]{c.RunCost}[/]", c.UpFrontCapex.ToString(), c.OwnedPerUsefulGpuHour.ToString(), c.RentEffective?.ToString() ?? "-",
                c.OwnedTcoLevelised.ToString(), b?.Utilisation is { } u ? u.ToString("P0", CultureInfo.InvariantCulture) : b is null ? "-" : "never",
                b?.Horizon is { } t ? EconomicsSettings.Years(t) + (b.HorizonBeyondHardwareLife ? "*" : "") : b is null ? "-" : "never");
        }
        console.Write(table);
        console.MarkupLine($"[dim]own/GPU-h: owned cost per useful GPU-hour; rent/GPU-h: price + rental overhead; break-even: utilisation above which owning is cheaper; payback: discounted, from what renting the same useful hours would cost (* after the {EconomicsSettings.Years(economics.HardwareLife)} hardware life). TCO: owning, levelised. A rented option pays no capex; below, its capex if owned is what the break-even compares with.[/]");

        foreach (var r in results)
        {
            console.WriteLine();
            if (r.Cost is not { } c)
            {
                console.MarkupLine($"[bold]{TerminalText.Markup(r.Option.Name)}[/]: [red]{TerminalText.Markup(r.Problem)}[/]");
                continue;
            }
            console.MarkupLine($"[bold]{TerminalText.Markup(c.Name)}[/]: {N(c.Gpus)} GPUs, run of {c.WallClock} ({TerminalText.Markup(r.DaysBasis)})");
            console.MarkupLine($"  Run cost, owned: {c.OwnedRun.Total} = capital {c.OwnedRun.Capital} + operations {c.OwnedRun.Operations} + energy {c.OwnedRun.Energy} + idle energy {c.OwnedRun.IdleEnergy}");
            if (c.RentedRun is { } rented)
                console.MarkupLine($"  Run cost, rented: {rented} = {N((long)Math.Round(c.WallClock.Hours * c.Gpus))} GPU-hours x {c.RentEffective} (price + {EconomicsSettings.Pct(economics.RentalOverhead)} overhead)");
            console.MarkupLine($"  Network: {TerminalText.Markup(r.Network)}");
            console.MarkupLine($"  Energy of the run: {c.RunEnergy.Facility}, {c.RunEnergy.Cost}, {c.RunEnergy.Carbon}");
            var capex = new Table().Border(TableBorder.None).HideHeaders();
            capex.AddColumn("");
            capex.AddColumn(new TableColumn("").RightAligned());
            capex.AddColumn("");
            // A rented option pays none of this; it is what owning the same GPUs would take, for the break-even.
            string capexLabel = c.Ownership == Ownership.Owned ? "  capex " : "  capex if owned: ";
            foreach (var l in c.Capex.Lines) capex.AddRow(capexLabel + TerminalText.Markup(l.Name), l.Amount.ToString(), "[dim]" + TerminalText.Markup(l.Basis) + "[/]");
            foreach (var l in c.FixedPerYear) capex.AddRow("  per year: " + TerminalText.Markup(l.Name), l.PerYear.ToString(), "[dim]" + TerminalText.Markup(l.Basis) + "[/]");
            capex.AddRow("  per year: Energy", c.EnergyPerYear.ToString(), $"[dim]at {c.Utilisation.ToString("P0", CultureInfo.InvariantCulture)} utilisation[/]");
            console.Write(capex);
            console.MarkupLine($"  TCO over {EconomicsSettings.Years(c.Horizon)}: owned {c.OwnedTcoLevelised} levelised (cash {c.OwnedTcoCash}){(c.RentedTco is { } rt ? $"; renting the same GPUs {rt}" : "")}");
            var tornado = new Table().Border(TableBorder.Simple).Title("Run cost sensitivity");
            tornado.AddColumn("input");
            tornado.AddColumn(new TableColumn("range").RightAligned());
            tornado.AddColumn(new TableColumn("at low").RightAligned());
            tornado.AddColumn(new TableColumn("at high").RightAligned());
            tornado.AddColumn(new TableColumn("spread").RightAligned());
            foreach (var t in r.Tornado!.Where(t => t.Spread.Value > 0))
                tornado.AddRow(t.Input.Name(), $"x{t.LowFactor.Inv("0.##")} .. x{t.HighFactor.Inv("0.##")}", t.AtLow.ToString(), t.AtHigh.ToString(), t.Spread.ToString());
            console.Write(tornado);
            if (r.Tornado!.Any(t => t.Spread.Value == 0))
                console.MarkupLine($"[dim]  inputs that do not move this run's cost: {string.Join(", ", r.Tornado!.Where(t => t.Spread.Value == 0).Select(t => t.Input.Name()))}[/]");
            foreach (var n in r.Notes.Concat(c.Problems)) console.MarkupLine($"[dim]  note: {TerminalText.Markup(n)}[/]");
        }
        console.WriteLine();
        console.MarkupLine("[dim]Assumptions:[/]");
        foreach (var a in Assumptions)
            console.MarkupLine($"[dim]  {TerminalText.Markup(a.Key)} = {TerminalText.Markup(a.Value)}  ({TerminalText.Markup(a.Source)})[/]");
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
