using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// Changes to a scenario's YAML tree before it is loaded: a value set (or removed) at a path of mapping keys
/// and list positions. The tree is immutable, so each edit rebuilds the nodes along its path and shares the rest.
/// A value set this way is then read and checked by the scenario loader exactly as if it were written in the file.
/// </summary>
internal static class YamlEdit
{
    /// <summary>A path step: a mapping key, or a list position.</summary>
    public readonly record struct Step(string? Key, int Index)
    {
        public static implicit operator Step(string key) => new(key, -1);

        public static implicit operator Step(int index) => new(null, index);
    }

    /// <summary>A scalar as a scenario would write it, placed where the diagnostics should point (the override).</summary>
    public static YScalar Scalar(string text, SourceLocation at) => new(text, isPlain: true, at);

    /// <summary>
    /// <paramref name="root"/> with <paramref name="value"/> at <paramref name="path"/> (null removes the key).
    /// Missing mappings on the way are created; a list position past the end leaves the tree as it is (the
    /// caller reports it). A step into something that is neither a mapping nor a list replaces it.
    /// </summary>
    public static YNode Set(YNode root, IReadOnlyList<Step> path, YNode? value, SourceLocation at) => Set(root, path, 0, value, at) ?? root;

    private static YNode? Set(YNode? node, IReadOnlyList<Step> path, int depth, YNode? value, SourceLocation at)
    {
        if (depth == path.Count) return value;
        var step = path[depth];
        if (step.Key is null)
        {
            if (node is not YSequence list || step.Index < 0 || step.Index >= list.Items.Count) return node;
            var items = list.Items.ToArray();
            items[step.Index] = Set(items[step.Index], path, depth + 1, value, at) ?? items[step.Index];
            return new YSequence(items, list.Location);
        }
        var map = node as YMapping;
        var entries = map is null ? [] : map.Entries.ToList();
        int i = entries.FindIndex(e => e.Key.Value == step.Key);
        var child = Set(i >= 0 ? entries[i].Value : null, path, depth + 1, value, at);
        if (child is null)
        {
            if (i >= 0) entries.RemoveAt(i);
            if (value is null && i < 0) return node;
        }
        else if (i >= 0) entries[i] = entries[i] with { Value = child };
        else entries.Add(new YEntry(new YScalar(step.Key, true, at), child));
        return new YMapping(entries, map?.Location ?? at);
    }

    /// <summary>A mapping of scalars, e.g. <c>{price_per_gpu_hour: 2.10 USD/h}</c>.</summary>
    public static YMapping Mapping(SourceLocation at, params (string Key, string Value)[] entries) =>
        new([.. entries.Select(e => new YEntry(new YScalar(e.Key, true, at), Scalar(e.Value, at)))], at);

    /// <summary>How many items the list at <paramref name="key"/> of the root mapping holds (0 when it is not a list).</summary>
    public static int Count(YNode root, string key) => (root as YMapping)?.Get(key) is YSequence list ? list.Items.Count : 0;
}
