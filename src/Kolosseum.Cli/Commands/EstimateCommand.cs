using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Performance;
using Kolosseum.Units;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum estimate</c>: one layout on one cluster — step time breakdown, memory per GPU, MFU, days.</summary>
internal static class EstimateCommand
{
    public static Command Create(CliContext context)
    {
        var run = new RunFlags();
        var layout = new LayoutFlags();
        var json = CommonOptions.Json();
        var command = new Command("estimate", "Estimate one parallel layout: step time and its breakdown, memory per GPU, MFU, days to train");
        run.AddTo(command);
        layout.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse => Run(context, parse, run, layout, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, RunFlags runFlags, LayoutFlags layoutFlags, bool json)
    {
        var bag = new DiagnosticBag();
        var inputs = runFlags.Read(parse, bag);
        if (inputs is null) return context.Fail(bag);
        if (inputs.Option?.Layout is null && !layoutFlags.Any(parse) && inputs.Option is not null)
        {
            bag.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag("--tp"), "layout", null,
                $"option '{inputs.Option.Name}' gives no layout", "give --tp/--pp/... or run 'kolosseum search' to find the best one");
            return context.Fail(bag);
        }
        var layout = layoutFlags.Read(parse, inputs, bag);
        if (layout is null) return context.Fail(bag);
        // Which fabric the network came from when the flags resize the option: kept, or dropped and why.
        if (inputs.Fabric.Note is { } fabricNote) context.Stderr.WriteLine(TerminalText.Clean(fabricNote));

        var model = inputs.PerformanceModel();
        // The scenario's layout as plan reads it: the cells it left out take their fastest values (PartialLayout).
        var chosen = layout.Value;
        if (!layoutFlags.Any(parse) && inputs.Option?.WrittenLayout is { Open.Count: > 0 } written
            && written.Complete(model, chosen.Gpus, new Search.SearchOptions()) is { } completed)
        {
            chosen = completed.Layout;
            if (!json) context.Console.MarkupLine($"layout of '{TerminalText.Markup(inputs.Option.Name)}' with the fastest values for the cells it leaves out: {string.Join(", ", written.Open)}");
        }
        var estimate = model.Evaluate(chosen);
        var report = StepReport.From(model, chosen, estimate);
        if (json)
        {
            Json.Write(context, EstimateJson.Of(inputs, report));
            return report.Fits ? ExitCodes.Success : ExitCodes.Infeasible;
        }
        EstimateTables.Render(context, inputs, report);
        if (!report.Fits)
        {
            context.Stderr.WriteLine("does not fit: " + report.DoesNotFitMessage());
            return ExitCodes.Infeasible;
        }
        return ExitCodes.Success;
    }
}

/// <summary>The JSON view of an estimate (also used inside plan and search output).</summary>
internal static class EstimateJson
{
    public static object Of(RunInputs inputs, StepReport r) => new
    {
        model = inputs.Model.Id,
        gpu = inputs.Gpu.Id,
        gpus = inputs.Gpus,
        node = inputs.Node.Id,
        fabric = inputs.Fabric.ToJson(),
        tokens = inputs.Training.Tokens,
        global_batch = inputs.Training.GlobalBatch,
        seq_len = inputs.Training.SeqLen,
        precision = inputs.Training.Precision.Name(),
        attention = inputs.Training.Attention.Name(),
        layout = Layout(r.Layout),
        outside_validated = Validation.ValidatedEnvelope.Embedded.Outside(r.Layout, inputs.Training.SeqLen),
        step_time_s = r.StepTime.Seconds,
        time_breakdown_s = r.Time.ToDictionary(p => p.Name, p => p.Value),
        tokens_per_s = r.TokensPerSecond,
        mfu = r.Mfu,
        hfu = r.Hfu,
        model_tflops_per_gpu = r.ModelFlopsPerGpu.Tera,
        memory_gib = r.Memory.GiB,
        memory_capacity_gib = r.Capacity.GiB,
        memory_breakdown_gib = r.MemoryParts.ToDictionary(p => p.Name, p => p.Value / Bytes.GiBFactor),
        memory_fullest_stage = r.FullestStage,
        memory_per_stage_gib = r.MemoryByStage.Select(m => m.GiB).ToList(),
        fits = r.Fits,
        steps = r.Steps,
        days_to_train = r.TrainTime.Days,
        flops_convention = "palm_model: 6N + 12·l·s·h per token, non-causal, no recompute (docs/performance-model.md)",
    };

    public static object Layout(Performance.Layout l) => new
    {
        tp = l.Tp, pp = l.Pp, vpp = l.Vpp, dp = l.Dp, cp = l.Cp, ep = l.Ep, zero = l.Zero,
        sequence_parallel = l.SequenceParallel, recompute = l.Recompute.Name(), micro_batch = l.MicroBatch,
    };
}

/// <summary>Terminal tables of an estimate.</summary>
internal static class EstimateTables
{
    public static void Render(CliContext context, RunInputs inputs, StepReport r)
    {
        var c = context.Console;
        c.MarkupLine($"[bold]{TerminalText.Markup(inputs.Model.Name)}[/] on {inputs.Gpus.Inv()} × {TerminalText.Markup(inputs.Gpu.Name)} ({TerminalText.Markup(inputs.Node.Id)})");
        c.MarkupLine($"{UnitFormat.Number(inputs.Training.Tokens / 1e12)}T tokens, batch {inputs.Training.GlobalBatch.Inv()} × {inputs.Training.SeqLen.Inv()}, {inputs.Training.Precision.Name()}, {inputs.Training.Attention.Name()} attention");
        c.MarkupLine($"layout: {TerminalText.Markup(r.Layout.ToString())}");
        var outside = Validation.ValidatedEnvelope.Embedded.Outside(r.Layout, inputs.Training.SeqLen);
        c.MarkupLine(outside.Count == 0 ? "validity: inside the validated published runs" : "outside the validated runs: " + TerminalText.Markup(string.Join("; ", outside)));
        var time = new Table().Border(TableBorder.Simple).Title("step time");
        time.AddColumn("part");
        time.AddColumn(new TableColumn("time").RightAligned());
        time.AddColumn(new TableColumn("share").RightAligned());
        foreach (var p in r.Time.Where(p => p.Value > 0))
            time.AddRow(p.Name.Replace('_', ' '), new Duration(p.Value).ToString(), UnitFormat.Percent(p.Value / r.StepTime.Seconds));
        time.AddRow("[bold]step[/]", "[bold]" + r.StepTime + "[/]", "100 %");
        int stages = r.MemoryByStage.Count;
        var memory = new Table().Border(TableBorder.Simple).Title(stages <= 1 ? "memory per GPU"
            : $"memory per GPU (stage {r.FullestStage.Inv()} of 0-{(stages - 1).Inv()}, the fullest)");
        memory.AddColumn("part");
        memory.AddColumn(new TableColumn("GiB").RightAligned());
        foreach (var p in r.MemoryParts) memory.AddRow(p.Name.Replace('_', ' '), (p.Value / Bytes.GiBFactor).Inv("0.0"));
        memory.AddRow(r.Fits ? "[bold]total[/]" : "[bold red]total[/]", $"[bold]{r.Memory.GiB.Inv("0.0")}[/] of {r.Capacity.GiB.Inv("0.0")}");
        c.Write(new Columns(time, memory));
        if (stages > 1)
            c.MarkupLine("memory per stage, GiB: " + string.Join(", ", r.MemoryByStage.Select((m, i) => $"{i.Inv()}: {m.GiB.Inv("0.0")}")));
        c.MarkupLine($"throughput {UnitFormat.Number(r.TokensPerSecond)} tokens/s, MFU {UnitFormat.Percent(r.Mfu)}, HFU {UnitFormat.Percent(r.Hfu)}, {UnitFormat.Number(r.ModelFlopsPerGpu.Tera)} model TFLOP/s per GPU");
        c.MarkupLine($"{UnitFormat.Number(r.Steps)} steps: [bold]{UnitFormat.Days(r.TrainTime.Days)}[/] to train without failures");
    }
}
