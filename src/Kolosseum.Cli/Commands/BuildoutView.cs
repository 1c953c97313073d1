using System.Globalization;
using Kolosseum.Buildout;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>The terminal form of <c>kolosseum buildout</c>: per option a phase table, the milestones and a weekly ramp summary.</summary>
internal static class BuildoutView
{
    /// <summary>At most this many rows of the weekly ramp are printed (the JSON has every week).</summary>
    private const int MaxWeeklyRows = 14;

    public static void Write(IAnsiConsole console, IReadOnlyList<BuildoutCommand.Job> jobs, IReadOnlyList<BuildoutResult> results, BuildoutRunOptions options)
    {
        console.MarkupLine($"Build-out Monte-Carlo: {UnitFormat.Count(options.Trials, "trial")}, seed {options.Seed.ToString(CultureInfo.InvariantCulture)}; durations in days, P10/P50/P90 over trials");
        for (int i = 0; i < jobs.Count; i++)
        {
            console.WriteLine();
            Option(console, jobs[i], results[i]);
        }
        console.WriteLine();
        console.MarkupLine("[dim]Sources of every estimate: kolosseum catalog buildout, or --json. Model: docs/buildout.md.[/]");
    }

    private static void Option(IAnsiConsole console, BuildoutCommand.Job job, BuildoutResult r)
    {
        var m = r.Model;
        string Default(bool d) => d ? " (default)" : "";
        console.MarkupLine($"[bold]{TerminalText.Markup(job.Name)}[/]: {Count(m.Gpus)} {TerminalText.Markup(job.GpuId)}{Default(job.GpuIsDefault)} in {Count(m.Servers)} servers, {EnumNames<Ownership>.Name(m.Ownership)}");
        console.MarkupLine($"  build-out {TerminalText.Markup(m.Preset)}{Default(job.PresetIsDefault)}: {TerminalText.Markup(m.Description)}");
        console.MarkupLine($"  start {BuildoutFormat.Date(m.Start)}{Default(job.StartIsDefault)}");
        console.Write(Phases(r));
        console.Write(Milestones(r));
        if (m.Ramp is not null) console.Write(Weekly(r));
    }

    private static Table Phases(BuildoutResult r)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("phase").NoWrap());
        table.AddColumn(new TableColumn("min / mode / max"));
        foreach (var h in new[] { "P10 d", "P50 d", "P90 d", "done P50", "critical" })
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap());
        table.AddColumn("waits for");
        foreach (var p in r.Phases)
        {
            table.AddRow(TerminalText.Markup(p.Name), TerminalText.Markup(Estimate(p.Estimate)),
                Days(p.Duration.P10), Days(p.Duration.P50), Days(p.Duration.P90), Days(p.Finish.P50), Percent(p.Criticality),
                TerminalText.Markup(p.After.Count == 0 ? "start" : string.Join(", ", p.After)));
        }
        var ramp = r.Model.Ramp;
        foreach (var s in r.RampStages)
        {
            if (s.Name == "acceptance" && s.Duration.P90.Seconds == 0) continue;
            string waits = s.Name switch
            {
                "server deliveries" => ramp!.DeliveriesAfter.Count == 0 ? "start" : string.Join(", ", ramp.DeliveriesAfter),
                "installation and cabling" => (ramp!.InstallAfter.Count == 0 ? "start" : string.Join(", ", ramp.InstallAfter)) + "; deliveries",
                _ => "each server, installed",
            };
            table.AddRow($"[italic]{TerminalText.Markup(s.Name)}[/]", TerminalText.Markup(s.Estimate),
                Days(s.Duration.P10), Days(s.Duration.P50), Days(s.Duration.P90), "", Percent(s.Criticality), TerminalText.Markup(waits));
        }
        return table;
    }

    private static Table Milestones(BuildoutResult r)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("milestone");
        table.AddColumn(new TableColumn("GPUs").RightAligned());
        table.AddColumn(new TableColumn("P10").RightAligned());
        table.AddColumn(new TableColumn("P50").RightAligned());
        table.AddColumn(new TableColumn("P90").RightAligned());
        void Row(string name, Milestone m) => table.AddRow(name, Count(m.Gpus),
            When(m.Date.P10, m.SinceStart.P10), When(m.Date.P50, m.SinceStart.P50), When(m.Date.P90, m.SinceStart.P90));
        Row("first training", r.FirstTraining);
        Row("full capacity", r.FullCapacity);
        return table;
    }

    private static Table Weekly(BuildoutResult r)
    {
        var table = new Table().Border(TableBorder.Simple).Title("GPUs online (P10 pessimistic, P90 optimistic)");
        table.AddColumn(new TableColumn("week").RightAligned());
        table.AddColumn("date");
        table.AddColumn(new TableColumn("P10").RightAligned());
        table.AddColumn(new TableColumn("P50").RightAligned());
        table.AddColumn(new TableColumn("P90").RightAligned());
        var weeks = r.Weekly;
        // Start where the optimistic band first has GPUs, so the rows show the ramp and not months of zeros.
        int first = Math.Max(0, weeks.ToList().FindIndex(w => w.P90 > 0) - 1);
        int count = weeks.Count - first;
        int step = Math.Max(1, (int)Math.Ceiling(count / (double)MaxWeeklyRows));
        for (int i = first; i < weeks.Count; i += step) Add(weeks[i]);
        if ((weeks.Count - 1 - first) % step != 0) Add(weeks[^1]);
        return table;

        void Add(CapacityWeek w) => table.AddRow(w.Week.ToString(CultureInfo.InvariantCulture), BuildoutFormat.Date(w.Date), Count(w.P10), Count(w.P50), Count(w.P90));
    }

    /// <summary>Days in a column headed "d": whole days from 10 on, one decimal below.</summary>
    private static string Days(Duration d) => d.Days >= 9.95 ? d.Days.ToString("0", CultureInfo.InvariantCulture) : d.Days.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Estimate(DurationEstimate e) =>
        e.IsFixed ? Days(e.Min) + " d" : $"{Days(e.Min)} / {Days(e.Mode)} / {Days(e.Max)} d";

    private static string When(DateOnly date, Duration since) => $"{BuildoutFormat.Date(date)} ({BuildoutFormat.Days(since)})";

    private static string Count(long n) => UnitFormat.Count(n);

    private static string Percent(double f) => (f * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
