using System.CommandLine;
using Kolosseum.Catalog;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum catalog [KIND]</c>: what the embedded catalog holds, each number with its source.</summary>
internal static class CatalogCommand
{
    private static readonly Dictionary<string, string[]> Groups = new(StringComparer.Ordinal)
    {
        ["gpus"] = ["gpus"],
        ["nodes"] = ["nodes"],
        ["network"] = ["nics", "switches", "transceivers", "cables"],
        ["storage"] = ["storage"],
        ["models"] = ["models"],
        ["prices"] = ["capex", "rental", "electricity", "carbon", "opex", "facilities"],
        ["failures"] = ["failures", "reliability"],
        ["buildout"] = ["buildout", "build_records"],
    };

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string?>("kind")
        {
            Description = "What to list: " + string.Join(", ", Groups.Keys) + " (default: everything)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var id = new Argument<string?>("id")
        {
            Description = "One entry of that kind: every number with its source (e.g. catalog gpus H100-SXM-80GB)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var wide = new Option<bool>("--wide") { Description = "Every field of every entry with its source, instead of one line per entry" };
        var json = CommonOptions.Json();
        var command = new Command("catalog", "List the embedded catalog (GPUs, nodes, network parts, models, prices, failure rates); an entry's id shows every number with its source")
        {
            kind, id, wide, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(kind), parse.GetValue(id), parse.GetValue(wide), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? kind, string? id, bool wide, bool json)
    {
        string[] kinds;
        if (kind is null)
        {
            kinds = [.. Groups.Values.SelectMany(k => k)];
        }
        else if (Groups.TryGetValue(kind, out var group))
        {
            kinds = group;
        }
        else if (CatalogDocument.Kinds.Contains(kind))
        {
            kinds = [kind];
        }
        else
        {
            var bag = new DiagnosticBag();
            var all = Groups.Keys.Concat(CatalogDocument.Kinds).Distinct(StringComparer.Ordinal).ToList();
            bag.Error(DiagnosticCodes.UnknownFlag, SourceLocation.ForFlag("catalog"), "kind", kind, "unknown catalog kind", Suggest.DidYouMean(kind, all));
            return context.Fail(bag);
        }

        var catalog = Catalog.Catalog.Embedded;
        if (id is not null)
        {
            // Ids match whatever their case, as everywhere else (the output shows the catalog spelling).
            var matches = kinds.SelectMany(catalog.EntriesOf).Where(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                var bag = new DiagnosticBag();
                var ids = kinds.SelectMany(catalog.EntriesOf).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
                bag.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag("catalog"), "id", id, $"no {kind} entry has this id",
                    Suggest.DidYouMean(id, ids) ?? "ids: " + string.Join(", ", ids.Take(20)));
                return context.Fail(bag);
            }
            kinds = [.. matches.Select(e => e.Kind).Distinct(StringComparer.Ordinal)];
        }
        bool Selected(CatalogEntry e) => id is null || string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            var doc = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var k in kinds)
                doc[k] = catalog.EntriesOf(k).Where(Selected).Select(e => new Dictionary<string, object>
                {
                    ["id"] = e.Id,
                    ["fields"] = Fields(e, e.Fields, ""),
                }).ToList();
            return Json.Write(context, doc);
        }

        if (id is null && !wide)
        {
            foreach (var k in kinds) CatalogSummary.Write(context.Console, k, [.. catalog.EntriesOf(k)]);
            context.Console.MarkupLine("[dim]kolosseum catalog KIND ID: every number of one entry with its source; --wide: of every entry[/]");
            return ExitCodes.Success;
        }
        foreach (var k in kinds)
        {
            var entries = catalog.EntriesOf(k).Where(Selected).ToList();
            if (entries.Count == 0) continue;
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]{k}[/] ({entries.Count})");
            table.AddColumn("id");
            table.AddColumn("field");
            table.AddColumn("value");
            table.AddColumn("source");
            foreach (var e in entries)
            {
                bool first = true;
                foreach (var (field, value, source) in Flatten(e, e.Fields, ""))
                {
                    table.AddRow(first ? TerminalText.Markup(e.Id) : "", TerminalText.Markup(field), TerminalText.Markup(value), TerminalText.Markup(source));
                    first = false;
                }
            }
            context.Console.Write(table);
        }
        return ExitCodes.Success;
    }

    private static Dictionary<string, object> Fields(CatalogEntry e, YMapping map, string prefix)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var f in map.Entries)
        {
            if (f.Key.Value == "id") continue;
            string name = prefix + f.Key.Value;
            result[f.Key.Value] = f.Value switch
            {
                YMapping nested => Fields(e, nested, name + "."),
                YScalar s => new Dictionary<string, string> { ["value"] = s.Value, ["source"] = e.SourceOf(name) },
                YSequence seq => new Dictionary<string, object> { ["value"] = seq.Items.OfType<YScalar>().Select(x => x.Value).ToList(), ["source"] = e.SourceOf(name) },
                _ => "",
            };
        }
        return result;
    }

    private static IEnumerable<(string Field, string Value, string Source)> Flatten(CatalogEntry e, YMapping map, string prefix)
    {
        foreach (var f in map.Entries)
        {
            if (f.Key.Value == "id") continue;
            string name = prefix + f.Key.Value;
            switch (f.Value)
            {
                case YMapping nested:
                    foreach (var x in Flatten(e, nested, name + ".")) yield return x;
                    break;
                case YScalar s:
                    yield return (name, s.Value, IsText(name) ? "" : e.SourceOf(name));
                    break;
                case YSequence seq:
                    yield return (name, string.Join(", ", seq.Items.OfType<YScalar>().Select(x => x.Value)), e.SourceOf(name));
                    break;
            }
        }
    }

    private static bool IsText(string field) => field is "name" or "vendor" or "gpu" or "backend_nic" or "activation" or "position_embedding" or "kind" or "technology" or "media";
}
