using Kolosseum.Cli.Infrastructure;
using Kolosseum.Performance;
using Kolosseum.Search;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>Reports built from a search result: unit-bearing rows for the best layouts and the Pareto front.</summary>
internal sealed record SearchView(IReadOnlyList<StepReport> Best, IReadOnlyList<StepReport> Pareto, int SeqLen, bool ValidatedOnly)
{
    public static SearchView Of(PerformanceModel model, SearchResult result, bool validatedOnly = false) =>
        new([.. result.Best.Select(b => StepReport.From(b.Model, b.Layout, b.Estimate))],
            [.. result.Pareto.Select(b => StepReport.From(b.Model, b.Layout, b.Estimate))], model.Training.SeqLen, validatedOnly);

    /// <summary>The layout's features outside the validated published runs (empty: inside).</summary>
    public IReadOnlyList<string> Validity(in Kolosseum.Performance.Layout layout) => Validation.ValidatedEnvelope.Embedded.Outside(in layout, SeqLen);

    public static void Render(CliContext context, RunInputs inputs, SearchResult result, SearchView view)
    {
        var c = context.Console;
        c.MarkupLine($"[bold]{TerminalText.Markup(inputs.Model.Name)}[/] on up to {UnitFormat.Count(inputs.Gpus)} × {TerminalText.Markup(inputs.Gpu.Name)}: {UnitFormat.Number(inputs.Training.Tokens / 1e12)}T tokens, batch {inputs.Training.GlobalBatch.Inv()} × {inputs.Training.SeqLen.Inv()}, {inputs.Training.Precision.Name()}");
        c.MarkupLine($"evaluated {UnitFormat.Count(result.Evaluated, "layout")} in {result.Elapsed} ({UnitFormat.Number(result.LayoutsPerSecond)}/s on {UnitFormat.Count(result.Threads, "thread")}); {UnitFormat.Count(result.Feasible)} feasible");
        if (result.Best.Count == 0)
        {
            c.MarkupLine("[red]no layout fits[/]; rejected: " + string.Join(", ", result.Rejected.Select(kv => $"{kv.Key.Name()} {kv.Value.Inv()}")));
            return;
        }
        var table = new Table().Border(TableBorder.Simple).Title("fastest layouts (time to train, no failures)");
        // "validated": whether the row's layout (degrees, combinations and GPU count) lies inside the published runs;
        // every listed layout says so, not only the best, whose note below names what lies outside.
        foreach (var h in new[] { "#", "GPUs", "tp", "pp", "vpp", "dp", "cp", "ep", "zero", "sp", "recompute", "mb", "step", "MFU", "GiB", "days", "validated" })
            table.AddColumn(new TableColumn(h).RightAligned());
        int i = 1;
        foreach (var r in view.Best) table.AddRow([.. Row(i++, r), view.Validity(r.Layout).Count == 0 ? "yes" : "no"]);
        c.Write(table);
        var pareto = new Table().Border(TableBorder.Simple).Title("GPUs used vs days (Pareto front)");
        foreach (var h in new[] { "GPUs", "spares", "layout", "MFU", "days" }) pareto.AddColumn(h);
        foreach (var r in view.Pareto)
            pareto.AddRow(UnitFormat.Count(r.Gpus), UnitFormat.Count(result.ClusterGpus - r.Gpus), TerminalText.Markup(r.Layout.ToString()), UnitFormat.Percent(r.Mfu), UnitFormat.Number(r.TrainTime.Days));
        c.Write(pareto);
        var best = view.Best[0];
        var outside = view.Validity(best.Layout);
        c.MarkupLine(outside.Count == 0
            ? "validity: the best layout lies inside the validated published runs" + (view.ValidatedOnly ? " (--validated-only)" : "")
            : "validity: the best layout is outside the validated published runs: " + TerminalText.Markup(string.Join("; ", outside)) + " (--validated-only stays inside)");
        long spares = result.ClusterGpus - best.Gpus;
        if (spares > 0)
            c.MarkupLine($"the best layout uses {UnitFormat.Count(best.Gpus, "GPU")} and leaves {UnitFormat.Count(spares)} as hot spares: tp × pp × cp × dp must multiply to the GPU count and dp must divide the global batch, and no layout on all {UnitFormat.Count(result.ClusterGpus, "GPU")} is faster");
        c.MarkupLine("rejected: " + string.Join(", ", result.Rejected.Select(kv => $"{kv.Key.Name().Replace('_', ' ')} {kv.Value.Inv()}")));
        c.MarkupLine(WhatItRanks);
    }

    /// <summary>
    /// Why plan, on the same scenario, may pick a slower layout: the two answer different questions
    /// (docs/search.md, "search and plan").
    /// </summary>
    public const string WhatItRanks =
        "search ranks failure-free time on all the GPUs; plan keeps hot-spare nodes out of the layout (reliability.spares) "
        + "and ranks by expected days with failures (search.rank_by), so its layout may be slower per step and still finish sooner";

    private static string[] Row(int rank, StepReport r)
    {
        var l = r.Layout;
        return
        [
            rank.Inv(), UnitFormat.Count(r.Gpus), l.Tp.Inv(), l.Pp.Inv(), l.Vpp.Inv(), l.Dp.Inv(), l.Cp.Inv(), l.Ep.Inv(), l.Zero.Inv(),
            l.SequenceParallel ? "on" : "off", l.Recompute.Name(), l.MicroBatch.Inv(), r.StepTime.ToString(), UnitFormat.Percent(r.Mfu),
            r.Memory.GiB.Inv("0.0"), UnitFormat.Number(r.TrainTime.Days),
        ];
    }
}

/// <summary>The JSON document of a search (shape agreed in the layout-search issue, more fields welcome).</summary>
internal static class SearchJson
{
    public static object Of(RunInputs inputs, PerformanceModel model, SearchResult result, SearchView view) => new
    {
        model = inputs.Model.Id,
        gpu = inputs.Gpu.Id,
        gpus = inputs.Gpus,
        fabric = inputs.Fabric.ToJson(),
        tokens = inputs.Training.Tokens,
        global_batch = inputs.Training.GlobalBatch,
        seq_len = inputs.Training.SeqLen,
        precision = inputs.Training.Precision.Name(),
        evaluated = result.Evaluated,
        feasible = result.Feasible,
        rejected = result.Rejected.ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
        validated_only = view.ValidatedOnly,
        best = view.Best.Select(r => Entry(r, view.Validity(r.Layout))),
        pareto = view.Pareto.Select(r => Entry(r, view.Validity(r.Layout))),
    };

    public static object Entry(StepReport r) => Entry(r, null);

    /// <summary>One layout; <paramref name="outside"/> lists its features outside the validated runs (omitted when null).</summary>
    public static object Entry(StepReport r, IReadOnlyList<string>? outside) => new
    {
        gpus = r.Gpus,
        tp = r.Layout.Tp, pp = r.Layout.Pp, vpp = r.Layout.Vpp, dp = r.Layout.Dp, cp = r.Layout.Cp, ep = r.Layout.Ep, zero = r.Layout.Zero,
        sequence_parallel = r.Layout.SequenceParallel, recompute = r.Layout.Recompute.Name(), micro_batch = r.Layout.MicroBatch,
        step_time_s = r.StepTime.Seconds,
        mfu = r.Mfu,
        hfu = r.Hfu,
        memory_gib = r.Memory.GiB,
        tokens_per_s = r.TokensPerSecond,
        days_to_train = r.TrainTime.Days,
        time_breakdown_s = r.Time.ToDictionary(p => p.Name, p => p.Value),
        outside_validated = outside,
    };
}
