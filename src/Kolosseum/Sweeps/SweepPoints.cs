using System.Text;
using Kolosseum.Diagnostics;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Sweeps;

/// <summary>One point of a sweep: its index, the value of each axis, the scenario to plan and how to plan it.</summary>
public sealed record SweepPoint(long Index, IReadOnlyList<string> Values, Scenario Scenario, string ScenarioHash, ulong? Seed);

/// <summary>
/// Builds the points of a sweep from its base scenario: each point's axis values are written into the base's YAML
/// tree, the result is loaded by the scenario reader (so every rule of the format checks it), and the plan knobs
/// are applied to the loaded scenario. A point's diagnostics are moved to the axis that caused them in the sweep file.
/// </summary>
public sealed class SweepPoints
{
    private readonly SweepSpec _spec;
    private readonly YNode _base;

    private SweepPoints(SweepSpec spec, YNode root)
    {
        _spec = spec;
        _base = root;
    }

    /// <summary>Reads and checks the base scenario; null (with its own located diagnostics) when it is invalid.</summary>
    public static SweepPoints? Create(SweepSpec spec, DiagnosticBag bag)
    {
        int before = bag.ErrorCount;
        if (ScenarioLoader.Parse(spec.ScenarioText, spec.ScenarioFile, bag) is null || bag.ErrorCount > before) return null;
        var doc = YamlDocumentReader.Read(spec.ScenarioText, spec.ScenarioFile, bag);
        return doc.Root is null ? null : new SweepPoints(spec, doc.Root);
    }

    /// <summary>
    /// Point <paramref name="k"/>, or null with its problems (located in the sweep file) added to <paramref name="bag"/>;
    /// problems already in <paramref name="seen"/> (from earlier points) are not repeated.
    /// </summary>
    public SweepPoint? Build(long k, DiagnosticBag bag, ISet<string>? seen = null)
    {
        var idx = _spec.ValueIndices(k);
        var values = new string[_spec.Axes.Count];
        for (int a = 0; a < values.Length; a++) values[a] = _spec.Axes[a].Values[idx[a]].Text;
        string where = Describe(k, values);

        var root = _base;
        for (int a = 0; a < _spec.Axes.Count; a++)
        {
            var axis = _spec.Axes[a];
            if (axis.Kind != AxisKind.ScenarioPath) continue;
            var v = axis.Values[idx[a]];
            var (patched, error) = ScenarioPatcher.Set(root, axis.Steps, new YScalar(v.Text, v.IsPlain, v.Location));
            if (patched is null)
            {
                if (seen is null || seen.Add(axis.Path + "|" + error)) bag.Error(DiagnosticCodes.UnknownKey, axis.Location, "axes." + axis.Path, null, error!, "see the base scenario " + _spec.ScenarioFile);
                return null;
            }
            root = patched;
        }
        string text = YamlTextWriter.Write(root);
        var pointBag = new DiagnosticBag();
        var scenario = ScenarioLoader.Parse(text, $"{_spec.File} point {k.Inv()}", pointBag);
        if (scenario is null || pointBag.HasErrors)
        {
            // A problem caused by an axis value goes to that value; the loader's knock-on problems about other fields
            // (a refused GPU count leaves the option's layout unread) are dropped when the point has such a cause.
            var errors = pointBag.Items.Where(d => d.Severity == Severity.Error).Select(d => (Diagnostic: d, Relocated: Relocate(d, idx, where))).ToList();
            bool caused = errors.Any(e => e.Relocated.Field != "axes");
            foreach (var (original, relocated) in errors)
            {
                if (caused && relocated.Field == "axes") continue;
                // The same problem of the same value at many points is reported once, at its first point.
                if (seen is null || seen.Add($"{relocated.Location}|{original.Code}|{original.Field}|{original.Value}|{original.Rule}")) bag.Add(relocated);
            }
            if (!pointBag.HasErrors) bag.Error(DiagnosticCodes.Inconsistent, _spec.Axes[0].Location, "axes", null, where + ": the scenario could not be read");
            return null;
        }
        ulong? seed = _spec.Seed;
        var knobs = new StringBuilder();
        for (int a = 0; a < _spec.Axes.Count; a++)
        {
            var axis = _spec.Axes[a];
            if (axis.Kind == AxisKind.ScenarioPath) continue;
            double x = QuantityParser.Parse(values[a], Dimension.Dimensionless).Value;
            knobs.Append('\n').Append(axis.Path).Append('=').Append(x.Inv());
            scenario = axis.Kind switch
            {
                AxisKind.FailureRateScale => WithReliability(scenario, r => r with { FailureRateScale = r.FailureRateScale * x }),
                AxisKind.RestartScale => WithReliability(scenario, r => r with { RestartScale = r.RestartScale * x }),
                _ => scenario,
            };
            if (axis.Kind == AxisKind.Seed) seed = (ulong)x;
        }
        return new SweepPoint(k, values, scenario, SweepFileReader.Hash(text + knobs), seed);
    }

    private string Describe(long k, string[] values) =>
        $"point {k.Inv()} (" + string.Join(", ", _spec.Axes.Select((a, i) => $"{a.Path} = {values[i]}")) + ")";

    /// <summary>A point's problem goes to the axis whose path it is about; one about another field goes to the first axis.</summary>
    private Diagnostic Relocate(Diagnostic d, int[] idx, string where)
    {
        for (int a = 0; a < _spec.Axes.Count; a++)
        {
            var axis = _spec.Axes[a];
            if (axis.Kind != AxisKind.ScenarioPath) continue;
            string p = axis.Path;
            if (d.Field == p || d.Field.StartsWith(p + ".", StringComparison.Ordinal) || d.Field.StartsWith(p + "[", StringComparison.Ordinal))
                return d with { Location = axis.Values[idx[a]].Location, Rule = $"{d.Rule} ({where})" };
        }
        return d with { Location = _spec.Axes[0].Location, Field = "axes", Rule = $"{where}: {(d.Field.Length > 0 ? d.Field + ": " : "")}{d.Rule}" };
    }

    /// <summary>The scenario with its reliability section changed (a plan knob the scenario format has no key for).</summary>
    private static Scenario WithReliability(Scenario s, Func<ReliabilitySettings, ReliabilitySettings> change)
    {
        var sections = s.Sections.ByKey().ToDictionary(kv => kv.Value.GetType(), kv => kv.Value);
        sections[typeof(ReliabilitySettings)] = change(s.Sections.Get<ReliabilitySettings>());
        return s with { Sections = new SectionSet(sections), Document = null }; // the tree no longer says what it holds
    }
}
