using System.Text;
using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Sweeps;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Planning;

/// <summary>
/// The scenario of a plan as a scenario file that loads and plans again to the same plan (docs/report.md,
/// "Resolved scenario"): the file as read, with the values the plan filled in written out where the format has
/// a key for them (each option's node, the sequence length and attention kernel, every search setting, the
/// seed, a --rank-by), then the rest of what the catalog supplied as comments, with where each value came from.
/// Written from the scenario's own YAML tree, so catalog overrides and inline models travel unchanged.
/// </summary>
public static class ResolvedScenario
{
    /// <summary>The YAML text; null when the scenario was not read from YAML (built in code).</summary>
    public static string? Yaml(Plan plan)
    {
        var s = plan.Scenario;
        if (s.Document is not YMapping root) return null;
        var at = root.Location;
        var search = s.Sections.Get<SearchSettings>();
        var rankBy = plan.Options.Count > 0 ? plan.Options[0].RankBy : search.RankBy;

        // Names as loaded: invisible characters the loader removed (with a warning) stay out of the file.
        if (root.Get("name") is YScalar name) root = Set(root, "name", new YScalar(s.Name, name.IsPlain, name.Location));
        root = Set(root, "training", Fill(root.Get("training") as YMapping, at,
            ("seq_len", s.Training.SeqLen.Inv()),
            ("precision", EnumNames<Hardware.Precision>.Name(s.Training.Precision)),
            ("attention", EnumNames<Performance.AttentionKernel>.Name(s.Training.Attention))));
        if (root.Get("options") is YSequence options)
        {
            var items = new List<YNode>();
            for (int i = 0; i < options.Items.Count; i++)
            {
                var item = options.Items[i];
                if (item is YMapping o && i < s.Options.Count)
                {
                    var filled = Fill(o, at, ("node", s.Options[i].Node.Id));
                    if (filled.Get("name") is YScalar n) filled = Set(filled, "name", new YScalar(s.Options[i].Name, n.IsPlain, n.Location));
                    items.Add(filled);
                }
                else items.Add(item);
            }
            root = Set(root, "options", new YSequence(items, options.Location));
        }
        // Every search setting: as written where given (so that a value reads back to the same number), else its
        // default, which has an exact decimal form; rank_by as the plan used it (a --rank-by included).
        var d = SearchSettings.Defaults;
        var given = root.Get("search") as YMapping;
        var searchNode = Fill(given, at,
            ("top", d.Top.Inv()),
            ("min_gpu_fraction", d.MinGpuFraction.Inv()),
            ("days_slack", (d.DaysSlack * 100).Inv() + " %"),
            ("simulate_top", d.SimulateTop.Inv()));
        searchNode = Fill(searchNode, at, true, ("rank_by", EnumNames<RankBy>.Name(rankBy)));
        if (searchNode.Get("scaling_fractions") is null)
            searchNode = new YMapping([.. searchNode.Entries,
                new YEntry(Key("scaling_fractions", at), new YSequence([.. d.ScalingFractions.Select(f => (YNode)Plain(f.Inv(), at))], at))], searchNode.Location);
        root = Set(root, "search", searchNode);
        // A seed other than the scenario's (--seed), so that 'plan FILE' draws the same.
        if (plan.Seed != s.Sections.Get<ReliabilitySettings>().Profile.Seed)
            root = Set(root, "reliability", Fill(root.Get("reliability") as YMapping, at, true, ("seed", ((long)plan.Seed).Inv())));

        var sb = new StringBuilder();
        sb.Append("# The scenario as planned, written so that 'kolosseum plan FILE' repeats the run").Append('\n');
        if (plan.Trials is { } trials)
            sb.Append("# (it was planned with --trials ").Append(trials.Inv()).Append(": give the same flag to repeat it exactly)").Append('\n');
        sb.Append("# Values the plan filled in are written out; the catalog's other values are listed at the end.").Append('\n');
        sb.Append(YamlTextWriter.Write(root));
        Defaults(sb, plan);
        return sb.ToString();
    }

    private static void Defaults(StringBuilder sb, Plan plan)
    {
        var s = plan.Scenario;
        var m = s.Model;
        sb.Append("# Resolved from the catalog (not needed to load the file):\n");
        sb.Append("# model ").Append(m.Id).Append(": ").Append(m.Layers.Inv()).Append(" layers, hidden ").Append(m.Hidden.Inv())
            .Append(", heads ").Append(m.Heads.Inv()).Append(" (kv ").Append(m.KvHeads.Inv()).Append("), ffn ").Append(m.FfnHidden.Inv())
            .Append(", vocab ").Append(m.Vocab.Inv()).Append(m.Moe is { } moe ? $", {moe.Experts.Inv()} experts top {moe.TopK.Inv()}" : "").Append('\n');
        sb.Append("# training tokens: ").Append(s.Training.Tokens.Inv("0")).Append('\n');
        foreach (var p in plan.Options)
            sb.Append("# ").Append(p.Option.Name).Append(": layout ").Append(p.Step.Layout.ToString()).Append(p.Search is null ? " (given)" : " (searched)")
                .Append(", batch ").Append(p.Training.GlobalBatch.Inv()).Append('\n');
        foreach (var e in s.Sections.Get<ReliabilitySettings>().Echo())
            sb.Append("# reliability.").Append(e.Key).Append(": ").Append(e.Value).Append(" (").Append(e.Origin).Append(")\n");
        Assumptions(sb, "power", s.Sections.Get<PowerSettings>().Assumptions);
        Assumptions(sb, "economics", s.Sections.Get<EconomicsSettings>().Assumptions);
    }

    private static void Assumptions(StringBuilder sb, string section, IReadOnlyList<Assumption> list)
    {
        foreach (var a in list)
            // Keys of these lists already carry their section ("power.pue").
            sb.Append("# ").Append(a.Key.StartsWith(section + ".", StringComparison.Ordinal) ? "" : section + ".").Append(a.Key).Append(": ").Append(OneLine(a.Value)).Append(" (").Append(OneLine(a.Source)).Append(")\n");
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The mapping with each key added at its end where it is absent (or, with <paramref name="replace"/>, set).</summary>
    private static YMapping Fill(YMapping? m, SourceLocation at, params (string Key, string Value)[] values) => Fill(m, at, false, values);

    private static YMapping Fill(YMapping? m, SourceLocation at, bool replace, params (string Key, string Value)[] values)
    {
        var entries = m?.Entries.ToList() ?? [];
        foreach (var (key, value) in values)
        {
            int i = entries.FindIndex(e => e.Key.Value == key);
            if (i < 0) entries.Add(Entry(key, value, at));
            else if (replace) entries[i] = Entry(key, value, at);
        }
        return new YMapping(entries, m?.Location ?? at);
    }

    private static YMapping Set(YMapping root, string key, YNode value, bool replace = true)
    {
        var entries = root.Entries.ToList();
        int i = entries.FindIndex(e => e.Key.Value == key);
        if (i < 0) entries.Add(new YEntry(Key(key, root.Location), value));
        else if (replace) entries[i] = new YEntry(entries[i].Key, value);
        return new YMapping(entries, root.Location);
    }

    private static YEntry Entry(string key, string value, SourceLocation at) => new(Key(key, at), Plain(value, at));

    private static YScalar Key(string key, SourceLocation at) => new(key, isPlain: true, at);

    private static YScalar Plain(string value, SourceLocation at) => new(value, isPlain: true, at);
}
