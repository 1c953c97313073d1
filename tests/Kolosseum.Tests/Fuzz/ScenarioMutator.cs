using System.Text;
using System.Text.RegularExpressions;
using Kolosseum.Yaml;

namespace Kolosseum.Tests.Fuzz;

/// <summary>One mutated scenario file: its bytes and what was done to which seed.</summary>
internal sealed record Mutant(int Index, string Seed, byte[] Bytes, string Description);

/// <summary>
/// Makes mutated scenario files from seed files, deterministically from one seed: keys deleted or
/// duplicated, values swapped for another kind or for hostile values, text truncated, random bytes,
/// deep nesting, alias bombs, long lists and catalog overrides with absurd numbers. Works on lines
/// (as a user's editor would), not on a parsed tree, so that it also produces broken YAML.
/// </summary>
internal sealed partial class ScenarioMutator
{
    private readonly IReadOnlyList<(string Name, string Text)> _seeds;
    private readonly Random _random;
    private readonly IReadOnlyList<(string Kind, string Id, string Field, string Value)> _catalogFields;
    private int _next;

    public ScenarioMutator(IReadOnlyList<(string Name, string Text)> seeds, int seed)
    {
        _seeds = seeds;
        _random = new Random(seed);
        _catalogFields = CatalogScalars();
    }

    public Mutant Next()
    {
        var (name, text) = _seeds[_random.Next(_seeds.Count)];
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var done = new List<string>();
        // Mostly one mutation, so that a good share of mutants still load and reach the models.
        int count = _random.Next(4) == 0 ? 2 + _random.Next(2) : 1;
        byte[]? bytes = null;
        for (int i = 0; i < count && bytes is null; i++)
        {
            int op = _random.Next(100);
            done.Add(op switch
            {
                < 14 => DeleteKey(lines),
                < 22 => SwapType(lines),
                < 46 => RandomValue(lines),
                < 52 => DuplicateKey(lines),
                < 57 => DeepNesting(lines),
                < 60 => AliasBomb(lines),
                < 64 => LongList(lines),
                < 76 => CatalogOverride(lines),
                < 84 => Truncate(lines, out bytes),
                _ => RandomBytes(lines, out bytes),
            });
        }
        bytes ??= Encoding.UTF8.GetBytes(string.Join('\n', lines));
        return new Mutant(_next++, name, bytes, string.Join("; ", done));
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<dash>- )?(?<key>[A-Za-z_][\w.\-]*):(?<rest>.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\s*(?<number>[-+]?(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*(?<unit>[^#]*?)\s*(#.*)?$")]
    private static partial Regex NumberValue();

    private List<int> KeyLines(List<string> lines) =>
        [.. Enumerable.Range(0, lines.Count).Where(i => KeyLine().IsMatch(lines[i]))];

    private int Indent(string line) => line.Length - line.TrimStart(' ', '-').Length;

    /// <summary>The lines after <paramref name="at"/> that belong to its block (more indented, or blank).</summary>
    private int BlockEnd(List<string> lines, int at)
    {
        int indent = Indent(lines[at]);
        int end = at + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent)) end++;
        return end;
    }

    private string DeleteKey(List<string> lines)
    {
        var keys = KeyLines(lines);
        if (keys.Count == 0) return "delete: nothing";
        int at = keys[_random.Next(keys.Count)];
        int end = BlockEnd(lines, at);
        string removed = lines[at].Trim();
        lines.RemoveRange(at, end - at);
        return $"delete line {at + 1} '{Short(removed)}' and its block";
    }

    private string SwapType(List<string> lines)
    {
        var keys = KeyLines(lines);
        if (keys.Count == 0) return "swap: nothing";
        int at = keys[_random.Next(keys.Count)];
        var m = KeyLine().Match(lines[at]);
        string head = m.Groups["indent"].Value + m.Groups["dash"].Value + m.Groups["key"].Value + ":";
        string[] others = ["[1, 2]", "{a: 1}", "[]", "{}", "\"text\"", "42", "[[]]", "{value: 5, source: x}"];
        string replacement = others[_random.Next(others.Length)];
        if (m.Groups["rest"].Value.Trim().Length == 0 || m.Groups["rest"].Value.TrimStart().StartsWith('#'))
        {
            int end = BlockEnd(lines, at);
            lines.RemoveRange(at + 1, end - at - 1);
        }
        lines[at] = head + " " + replacement;
        return $"swap line {at + 1} to '{replacement}'";
    }

    private string RandomValue(List<string> lines)
    {
        var keys = KeyLines(lines).Where(i => KeyLine().Match(lines[i]).Groups["rest"].Value.Trim() is { Length: > 0 } r && !r.StartsWith('#')).ToList();
        if (keys.Count == 0) return "value: nothing";
        int at = keys[_random.Next(keys.Count)];
        var m = KeyLine().Match(lines[at]);
        string head = m.Groups["indent"].Value + m.Groups["dash"].Value + m.Groups["key"].Value + ":";
        var number = NumberValue().Match(m.Groups["rest"].Value);
        string value = number.Success && _random.Next(3) > 0
            ? HostileValues.Rescale(number.Groups["number"].Value.Replace("_", "", StringComparison.Ordinal), number.Groups["unit"].Value, _random)
            : HostileValues.Pick(_random);
        lines[at] = head + " " + value;
        return $"value line {at + 1} {m.Groups["key"].Value}: '{Short(value)}'";
    }

    private string DuplicateKey(List<string> lines)
    {
        var keys = KeyLines(lines);
        if (keys.Count == 0) return "duplicate: nothing";
        int at = keys[_random.Next(keys.Count)];
        int end = BlockEnd(lines, at);
        var block = lines.GetRange(at, end - at);
        if (block[0].TrimStart().StartsWith("- ", StringComparison.Ordinal) && _random.Next(2) == 0)
        {
            // Only the key, not the list item: "- name: x" becomes a second "name: x" inside the same item.
            block = [new string(' ', Indent(block[0])) + block[0].TrimStart()[2..]];
        }
        lines.InsertRange(end, block);
        return $"duplicate line {at + 1} '{Short(lines[at].Trim())}' ({block.Count} lines)";
    }

    private string DeepNesting(List<string> lines)
    {
        int[] depths = [10, 63, 64, 65, 100, 1000, 10_000, 50_000];
        int depth = depths[_random.Next(depths.Length)];
        string value = _random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            _ => BlockNesting(Math.Min(depth, 2000)),
        };
        var keys = KeyLines(lines);
        if (keys.Count == 0 || _random.Next(4) == 0)
        {
            lines.Add("nested: " + value);
            return $"nesting {depth} deep at the top";
        }
        int at = keys[_random.Next(keys.Count)];
        var m = KeyLine().Match(lines[at]);
        int end = BlockEnd(lines, at);
        lines.RemoveRange(at + 1, end - at - 1);
        lines[at] = m.Groups["indent"].Value + m.Groups["dash"].Value + m.Groups["key"].Value + ": " + value;
        return $"nesting {depth} deep at line {at + 1}";
    }

    private static string BlockNesting(int depth)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.Append('\n').Append(' ', 2 * (i + 20)).Append("k:");
        return sb.Append(" 1").ToString();
    }

    private string AliasBomb(List<string> lines)
    {
        int levels = 3 + _random.Next(8);
        var bomb = new List<string> { "bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (int i = 1; i <= levels; i++)
            bomb.Add($"bomb{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]");
        lines.InsertRange(_random.Next(lines.Count + 1), bomb);
        return $"alias bomb of 10^{levels + 1} values";
    }

    private string LongList(List<string> lines)
    {
        int[] lengths = [33, 65, 1000, 10_001, 100_000];
        int n = lengths[_random.Next(lengths.Length)];
        string item = _random.Next(3) switch
        {
            0 => "0.5",
            1 => "llama3",
            _ => "{name: x, gpu: H100-SXM-80GB, gpus: 8, ownership: rented}",
        };
        string list = "[" + string.Join(", ", Enumerable.Repeat(item, n)) + "]";
        string[] targets = ["options", "scaling_fractions", "failure_rates", "tp", "description"];
        string key = targets[_random.Next(targets.Length)];
        int at = lines.FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        if (at < 0)
        {
            lines.Add((key == "scaling_fractions" ? "search: {scaling_fractions: " + list + "}" : key + ": " + list));
            return $"list of {n} under {key} at the end";
        }
        var m = KeyLine().Match(lines[at]);
        int end = BlockEnd(lines, at);
        lines.RemoveRange(at + 1, end - at - 1);
        lines[at] = m.Groups["indent"].Value + m.Groups["dash"].Value + key + ": " + list;
        return $"list of {n} at line {at + 1} ({key})";
    }

    private string CatalogOverride(List<string> lines)
    {
        var (kind, id, field, original) = _catalogFields[_random.Next(_catalogFields.Count)];
        var number = NumberValue().Match(original);
        string value = number.Success && _random.Next(4) > 0
            ? HostileValues.Rescale(number.Groups["number"].Value, number.Groups["unit"].Value, _random)
            : HostileValues.Pick(_random);
        var path = field.Split('.');
        var entry = new List<string> { $"  {kind}:", $"    - id: {id}" };
        for (int i = 0; i < path.Length; i++)
            entry.Add(new string(' ', 6 + 2 * i) + path[i] + ":" + (i == path.Length - 1 ? " " + value : ""));
        int at = lines.FindIndex(l => l == "catalog:");
        if (at < 0)
        {
            lines.Add("catalog:");
            lines.AddRange(entry);
        }
        else
        {
            lines.InsertRange(at + 1, entry);
        }
        return $"catalog {kind}/{id}.{field}: '{Short(value)}'";
    }

    private string Truncate(List<string> lines, out byte[] bytes)
    {
        var all = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        int at = _random.Next(all.Length + 1);
        bytes = all[..at];
        return $"truncate at byte {at} of {all.Length}";
    }

    private string RandomBytes(List<string> lines, out byte[] bytes)
    {
        var all = new List<byte>(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        int edits = 1 + _random.Next(8);
        for (int i = 0; i < edits; i++)
        {
            int at = _random.Next(all.Count + 1);
            byte[] b = _random.Next(2) == 0 ? HostileValues.Bytes[_random.Next(HostileValues.Bytes.Length)] : [(byte)_random.Next(256)];
            switch (_random.Next(3))
            {
                case 0:
                    all.InsertRange(at, b);
                    break;
                case 1 when at < all.Count:
                    all.RemoveAt(at);
                    break;
                default:
                    if (at < all.Count) all[at] = b[0];
                    break;
            }
        }
        bytes = [.. all];
        return $"{edits} random byte edits";
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";

    /// <summary>Every scalar field of the embedded catalog (dotted for nested ones), for overrides.</summary>
    private static List<(string, string, string, string)> CatalogScalars()
    {
        var result = new List<(string, string, string, string)>();
        foreach (var entry in Kolosseum.Catalog.Catalog.Embedded.Entries.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal))
            Collect(entry.Kind, entry.Id, entry.Fields, "", result);
        return result;
    }

    private static void Collect(string kind, string id, YMapping map, string prefix, List<(string, string, string, string)> result)
    {
        foreach (var e in map.Entries)
        {
            if (e.Key.Value is "id" or "name" or "source") continue;
            switch (e.Value)
            {
                case YScalar s:
                    result.Add((kind, id, prefix + e.Key.Value, s.Value));
                    break;
                case YMapping m:
                    Collect(kind, id, m, prefix + e.Key.Value + ".", result);
                    break;
            }
        }
    }
}
