using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Sweeps;

/// <summary>
/// Sets values in a scenario's YAML tree by path, without changing the original: each change copies only the
/// mappings and lists on its path. A key the base does not have is added (the scenario's own reader then says
/// whether it is a key of the format); a list index beyond the list, or a path through a plain value, is an error.
/// </summary>
internal static class ScenarioPatcher
{
    /// <summary>The tree with <paramref name="value"/> at <paramref name="steps"/>, or the reason it cannot be set.</summary>
    public static (YNode? Root, string? Error) Set(YNode root, IReadOnlyList<PathStep> steps, YScalar value) => Set(root, steps, 0, value, "");

    private static (YNode?, string?) Set(YNode node, IReadOnlyList<PathStep> steps, int i, YScalar value, string at)
    {
        if (i == steps.Count)
        {
            return node is YScalar
                ? (value, null)
                : (null, $"'{at}' is {node.KindName} in the scenario; an axis sets one value: name a key inside it");
        }
        var step = steps[i];
        if (node is not YMapping map)
            return (null, $"'{(at.Length == 0 ? "the scenario" : at)}' is {node.KindName}, so it has no key '{step.Key}'");
        string here = at.Length == 0 ? step.Key : at + "." + step.Key;
        var entries = map.Entries.ToList();
        int found = entries.FindIndex(e => e.Key.Value == step.Key);
        YNode? child = found >= 0 ? entries[found].Value : null;
        if (child is YScalar { IsNull: true }) child = null;
        if (step.Index is { } index)
        {
            if (child is not YSequence seq)
                return (null, child is null ? $"the scenario has no list '{here}'" : $"'{here}' is {child.KindName}, not a list");
            if (index >= seq.Items.Count)
                return (null, $"'{here}' has {seq.Items.Count.Inv()} items (indices 0 to {(seq.Items.Count - 1).Inv()}); [{index.Inv()}] is beyond it");
            var (item, error) = Set(seq.Items[index], steps, i + 1, value, $"{here}[{index.Inv()}]");
            if (item is null) return (null, error);
            var items = seq.Items.ToList();
            items[index] = item;
            child = new YSequence(items, seq.Location);
        }
        else
        {
            var start = child ?? (i + 1 == steps.Count ? value : new YMapping([], map.Location));
            var (set, error) = Set(start, steps, i + 1, value, here);
            if (set is null) return (null, error);
            child = set;
        }
        var entry = new YEntry(found >= 0 ? entries[found].Key : new YScalar(step.Key, true, map.Location), child);
        if (found >= 0) entries[found] = entry;
        else entries.Add(entry);
        return (new YMapping(entries, map.Location), null);
    }
}
