using System.CommandLine;
using Kolosseum.Diagnostics;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>Layout flags (--tp, --pp, ...) for estimate; checked with the same rules as a scenario's layout.</summary>
internal sealed class LayoutFlags
{
    public Option<string?> Tp { get; } = new("--tp") { Description = "Tensor-parallel degree (default 1)" };
    public Option<string?> Pp { get; } = new("--pp") { Description = "Pipeline-parallel degree (default 1)" };
    public Option<string?> Vpp { get; } = new("--vpp") { Description = "Virtual pipeline stages per GPU, interleaved 1F1B (default 1)" };
    public Option<string?> Dp { get; } = new("--dp") { Description = "Data-parallel degree (default: GPUs / (tp × pp × cp))" };
    public Option<string?> Cp { get; } = new("--cp") { Description = "Context-parallel degree (default 1)" };
    public Option<string?> Ep { get; } = new("--ep") { Description = "Expert-parallel degree, MoE only (default 1)" };
    public Option<string?> Zero { get; } = new("--zero") { Description = "ZeRO stage 0-3 (default 1: sharded optimizer)" };
    public Option<string?> Sp { get; } = new("--sp") { Description = "Sequence parallelism on|off (default: on when tp > 1)" };
    public Option<string?> Recompute { get; } = new("--recompute") { Description = "Activation recompute: none, selective or full (default none)" };
    public Option<string?> MicroBatch { get; } = new("--micro-batch") { Description = "Sequences per micro-batch (default 1)" };
    public Option<string?> ExpertTp { get; } = new("--expert-tp") { Description = "Tensor-parallel degree of the routed experts, MoE only (default: tp; 1 = each expert whole, ep carved out of tp × dp × cp)" };

    public void AddTo(Command command)
    {
        foreach (var o in new[] { Tp, Pp, Vpp, Dp, Cp, Ep, Zero, Sp, Recompute, MicroBatch, ExpertTp }) command.Options.Add(o);
    }

    public bool Any(ParseResult parse) => new[] { Tp, Pp, Vpp, Dp, Cp, Ep, Zero, Sp, Recompute, MicroBatch, ExpertTp }.Any(o => parse.GetValue(o) is not null);

    public Layout? Read(ParseResult parse, RunInputs inputs, DiagnosticBag bag)
    {
        var f = new FlagValues(bag);
        var baseLayout = inputs.Option?.Layout;
        int? tp = f.Int("--tp", parse.GetValue(Tp), 1, 1_000_000) ?? baseLayout?.Tp ?? 1;
        int? pp = f.Int("--pp", parse.GetValue(Pp), 1, 1_000_000) ?? baseLayout?.Pp ?? 1;
        int? vpp = f.Int("--vpp", parse.GetValue(Vpp), 1, 1_000_000) ?? baseLayout?.Vpp ?? 1;
        int? cp = f.Int("--cp", parse.GetValue(Cp), 1, 1_000_000) ?? baseLayout?.Cp ?? 1;
        int? ep = f.Int("--ep", parse.GetValue(Ep), 1, 1_000_000) ?? baseLayout?.Ep ?? 1;
        int? zero = f.Int("--zero", parse.GetValue(Zero), 0, 3) ?? baseLayout?.Zero ?? 1;
        int? mb = f.Int("--micro-batch", parse.GetValue(MicroBatch), 1, 1_000_000) ?? baseLayout?.MicroBatch ?? 1;
        var recompute = f.Enum<Performance.Recompute>("--recompute", parse.GetValue(Recompute)) ?? baseLayout?.Recompute ?? Performance.Recompute.None;
        bool? sp = parse.GetValue(Sp) switch
        {
            null => baseLayout?.SequenceParallel ?? (tp > 1),
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            var other => Invalid(bag, other),
        };
        int? dp = f.Int("--dp", parse.GetValue(Dp), 1, 10_000_000) ?? baseLayout?.Dp;
        if (tp is null || pp is null || vpp is null || cp is null || ep is null || zero is null || mb is null || sp is null) return null;
        if (dp is null)
        {
            long rest = (long)tp.Value * pp.Value * cp.Value;
            if (inputs.Gpus % rest != 0)
            {
                bag.Error(DiagnosticCodes.LayoutRule, SourceLocation.ForFlag("--dp"), "--dp", null,
                    $"tp × pp × cp = {rest.Inv()} does not divide the GPU count ({inputs.Gpus.Inv()})", "choose degrees whose product divides --gpus, or give --dp");
                return null;
            }
            dp = (int)(inputs.Gpus / rest);
        }
        int? expertTp = f.Int("--expert-tp", parse.GetValue(ExpertTp), 1, 1_000_000) ?? baseLayout?.ExpertTp ?? 0;
        if (expertTp is null) return null;
        var layout = new Layout(tp.Value, pp.Value, vpp.Value, dp.Value, cp.Value, ep.Value, zero.Value, sp.Value, recompute, mb.Value) { ExpertTp = expertTp.Value };
        foreach (var v in LayoutRules.Check(inputs.Model, inputs.Training, inputs.Gpus, layout))
            bag.Error(DiagnosticCodes.LayoutRule, SourceLocation.ForFlag("--" + v.Field.Replace('_', '-')), "--" + v.Field.Replace('_', '-'), v.Value, v.Message, v.Valid);
        return bag.HasErrors ? null : layout;
    }

    private static bool? Invalid(DiagnosticBag bag, string value)
    {
        bag.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag("--sp"), "--sp", value, "must be on or off");
        return null;
    }
}
