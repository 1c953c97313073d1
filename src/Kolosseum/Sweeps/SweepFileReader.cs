using System.Security.Cryptography;
using System.Text;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Sweeps;

/// <summary>
/// Reads a sweep file (docs/sweeps.md): its name, the base scenario, how the axes combine, the axes with their
/// values or ranges, and the plan settings of every point. Every mistake is a located diagnostic; null on error.
/// </summary>
public static class SweepFileReader
{
    public static SweepSpec? Load(string path, DiagnosticBag bag)
    {
        string? text = InputFile.Read(path, YamlLimits.Default.MaxBytes, "", bag);
        return text is null ? null : Parse(text, path, bag);
    }

    public static SweepSpec? Parse(string text, string file, DiagnosticBag bag)
    {
        int before = bag.ErrorCount;
        var doc = YamlDocumentReader.Read(text, file, bag);
        if (doc.Root is null)
        {
            if (!doc.HadSyntaxErrors) bag.Error(DiagnosticCodes.MissingField, new SourceLocation(file, 1, 1), "", null, "the sweep file is empty", "see docs/sweeps.md for the format");
            return null;
        }
        var top = FieldReader.Of(doc.Root, "", bag, !doc.HadSyntaxErrors);
        if (top is null) return null;
        string? name = top.String("name", required: true);
        string? scenarioPath = top.String("scenario");
        var combine = top.Enum<SweepCombine>("combine") ?? SweepCombine.Product;
        long? seed = top.Integer("seed", min: 0, max: QuantityParser.MaxExactInteger);
        int? trials = top.Int("trials", min: 1, max: 200_000, rangeHint: "Monte-Carlo trials per point, e.g. 200");
        bool? whatIf = top.Bool("what_if");
        var axesNode = top.Map("axes", required: true);
        var axes = axesNode is null ? null : ReadAxes(axesNode, bag);
        top.Finish();

        string scenarioFile = ScenarioLoader.DefaultName;
        string? scenarioText = ScenarioLoader.DefaultText;
        if (scenarioPath is not null && scenarioPath != "default")
        {
            scenarioFile = Path.IsPathRooted(scenarioPath) ? scenarioPath : Path.Combine(Path.GetDirectoryName(file) ?? "", scenarioPath);
            var at = top.Node("scenario")!.Location;
            int errors = bag.ErrorCount;
            scenarioText = InputFile.Read(scenarioFile, YamlLimits.Default.MaxBytes, "scenario", bag, "the path is relative to the sweep file; leave 'scenario' out for the embedded default");
            if (scenarioText is null)
            {
                // Point the problem at the sweep file's line as well as at the missing file.
                var d = bag.Items.Skip(errors).LastOrDefault();
                if (d is not null) bag.Error(d.Code, at, "scenario", scenarioPath, d.Rule, d.Suggestion);
            }
        }
        if (axes is not null && combine == SweepCombine.Zip && axes.Select(a => a.Values.Count).Distinct().Count() > 1)
        {
            foreach (var a in axes)
                bag.Error(DiagnosticCodes.Inconsistent, a.Location, "axes." + a.Path, a.Values.Count.Inv() + " values",
                    "combine: zip pairs the i-th values of every axis, so all axes need as many values", "give each axis the same number of values, or combine: product");
        }
        if (axes is not null && axes.Count > 0)
        {
            double points = combine == SweepCombine.Zip ? axes[0].Values.Count : axes.Aggregate(1.0, (n, a) => n * a.Values.Count);
            if (points > SweepSpec.MaxPoints)
                bag.Error(DiagnosticCodes.LimitExceeded, axesNode!.Location, "axes", points.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " points",
                    $"a sweep has at most {SweepSpec.MaxPoints.Inv()} points", "split it into several sweeps or use fewer values");
        }
        if (bag.ErrorCount > before || name is null || axes is null || scenarioText is null) return null;
        return new SweepSpec
        {
            Name = name, File = file, ScenarioFile = scenarioFile, ScenarioText = scenarioText, Combine = combine, Axes = axes,
            Seed = seed is null ? null : (ulong)seed.Value, Trials = trials ?? SweepSpec.DefaultTrials, WhatIf = whatIf ?? false,
            Hash = Hash(text + "\n\u0000\n" + scenarioText),
        };
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the text: names a sweep or a point's scenario.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static List<SweepAxis>? ReadAxes(FieldReader axes, DiagnosticBag bag)
    {
        var result = new List<SweepAxis>();
        bool ok = true;
        if (axes.Mapping.Entries.Count == 0)
        {
            bag.Error(DiagnosticCodes.MissingField, axes.Location, "axes", null, "needs at least one axis", "e.g. axes: {options[1].gpus: [50k, 100k]}");
            return null;
        }
        foreach (var entry in axes.Mapping.Entries)
        {
            string path = entry.Key.Value;
            axes.Accept(path);
            string field = "axes." + path;
            var (steps, error) = AxisPathParser.Parse(path);
            if (steps is null)
            {
                bag.Error(DiagnosticCodes.WrongType, entry.Key.Location, field, null, "not a scenario path: " + error, "write e.g. options[1].gpus or power.site_limit");
                ok = false;
                continue;
            }
            var kind = AxisPathParser.Knobs.GetValueOrDefault(path, AxisKind.ScenarioPath);
            List<AxisValue>? values = entry.Value switch
            {
                YSequence seq => ReadList(seq, field, bag),
                YMapping map => AxisRange.Expand(new FieldReader(map, field, bag), field),
                _ => null,
            };
            if (entry.Value is YScalar)
                bag.Error(DiagnosticCodes.WrongType, entry.Value.Location, field, FieldReader.Describe(entry.Value), "an axis takes a list of values or a range",
                    "write [a, b, c], {from: 1, to: 10, step: 1} or {from: 1, to: 1000, count: 4, scale: log}");
            if (values is null || values.Count == 0)
            {
                if (values is not null) bag.Error(DiagnosticCodes.MissingField, entry.Value.Location, field, null, "the axis has no values");
                ok = false;
                continue;
            }
            if (kind != AxisKind.ScenarioPath && !CheckKnob(kind, values, field, bag))
            {
                ok = false;
                continue;
            }
            result.Add(new SweepAxis(path, kind, steps, values, entry.Key.Location));
        }
        return ok ? result : null;
    }

    private static List<AxisValue>? ReadList(YSequence seq, string field, DiagnosticBag bag)
    {
        var values = new List<AxisValue>();
        bool ok = true;
        if (seq.Items.Count > AxisRange.MaxValues)
        {
            bag.Error(DiagnosticCodes.LimitExceeded, seq.Location, field, null, $"an axis has at most {AxisRange.MaxValues.Inv()} values");
            return null;
        }
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is YScalar { IsNull: false } s)
            {
                if (values.Any(v => v.Text == s.Value))
                {
                    bag.Error(DiagnosticCodes.DuplicateKey, s.Location, $"{field}[{i.Inv()}]", s.Value, "the axis lists this value twice", "remove one: every point must differ");
                    ok = false;
                }
                values.Add(new AxisValue(s.Value, s.IsPlain, s.Location));
                continue;
            }
            bag.Error(DiagnosticCodes.WrongType, seq.Items[i].Location, $"{field}[{i.Inv()}]", FieldReader.Describe(seq.Items[i]),
                $"an axis value is one scalar, found {seq.Items[i].KindName}", "to vary a whole section, give each of its keys its own axis");
            ok = false;
        }
        return ok ? values : null;
    }

    /// <summary>Plan knobs take numbers: scales above zero (and at most 1,000), seeds as whole numbers.</summary>
    private static bool CheckKnob(AxisKind kind, List<AxisValue> values, string field, DiagnosticBag bag)
    {
        bool ok = true;
        foreach (var v in values)
        {
            var q = QuantityParser.Parse(v.Text, Dimension.Dimensionless);
            bool valid = kind == AxisKind.Seed
                ? q.Ok && QuantityParser.WholeNumber(q.Value) is { } w && w >= 0 && w <= QuantityParser.MaxExactInteger
                : q.Ok && q.Value > 0 && q.Value <= 1000;
            if (valid) continue;
            bag.Error(q.Ok ? DiagnosticCodes.OutOfRange : q.ErrorCode!, v.Location, field, v.Text,
                kind == AxisKind.Seed ? "a seed is a whole number from 0 to 2^53 - 1" : "a scale is a plain number above 0 and at most 1000",
                kind == AxisKind.Seed ? "e.g. seed: {from: 1, to: 10, step: 1}" : "e.g. [0.5, 1, 2]");
            ok = false;
        }
        return ok;
    }
}
