using Kolosseum.Catalog;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Yaml;
using Spectre.Console;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum catalog KIND</c>: one line per entry with the numbers people compare, so that a kind fits
/// a terminal of 80-120 columns; every field with its source is one <c>catalog KIND ID</c> (or <c>--wide</c>) away.
/// </summary>
internal static class CatalogSummary
{
    /// <summary>The fields shown per kind; kinds not named here show their first few fields.</summary>
    private static readonly Dictionary<string, string[]> Headline = new(StringComparer.Ordinal)
    {
        ["gpus"] = ["peak_bf16", "peak_fp8", "hbm", "hbm_bandwidth", "tdp"],
        ["nodes"] = ["gpu", "gpus", "backend_nic", "power_max", "price"],
        ["nics"] = ["speed", "ports", "power", "price"],
        ["switches"] = ["technology", "max_ports", "port_speeds", "power", "price"],
        ["transceivers"] = ["speed", "reach", "power", "price"],
        ["cables"] = ["speed", "reach", "price"],
        ["storage"] = ["write_bandwidth", "read_bandwidth", "capacity", "power", "price"],
        ["models"] = ["layers", "hidden", "heads", "ffn_hidden", "published_params"],
        ["rental"] = ["gpu", "commitment", "price", "observed"],
        ["electricity"] = ["region", "price", "year"],
        ["carbon"] = ["intensity", "year"],
        ["facilities"] = ["pue", "cooling", "capex_per_critical_power"],
        ["failures"] = ["rate_set", "component", "events", "units", "window"],
    };

    /// <summary>Short headers for long field names (the unit follows in the header).</summary>
    private static readonly Dictionary<string, string> Label = new(StringComparer.Ordinal)
    {
        ["peak_bf16"] = "BF16", ["peak_fp8"] = "FP8", ["hbm"] = "HBM", ["hbm_bandwidth"] = "HBM BW", ["tdp"] = "TDP",
        ["backend_nic"] = "NIC", ["power_max"] = "max", ["write_bandwidth"] = "write", ["read_bandwidth"] = "read",
        ["published_params"] = "params", ["capex_per_critical_power"] = "capex per MW",
    };

    private const int FallbackFields = 4;
    private const int MaxCell = 28;

    public static void Write(IAnsiConsole console, string kind, IReadOnlyList<CatalogEntry> entries)
    {
        if (entries.Count == 0) return;
        string[] fields = Headline.TryGetValue(kind, out var h) ? h : FirstFields(entries[0]);
        bool named = entries.Any(e => Scalar(e.Fields, "name") is not null);
        // No border, two spaces between columns; a column whose cells share a unit names it once in its header,
        // so that the cells are short numbers and only a long name takes a second line.
        var columns = fields.Select(f => Column(f, entries.Select(e => Scalar(e.Fields, f)).ToList())).ToList();
        var table = new Table().Border(TableBorder.None).Title($"[bold]{kind}[/] ({entries.Count})");
        var gap = new Padding(0, 0, 2, 0);
        table.AddColumn(new TableColumn("[u]id[/]").NoWrap().Padding(gap));
        if (named) table.AddColumn(new TableColumn("[u]name[/]").Padding(gap));
        foreach (var c in columns) table.AddColumn(new TableColumn("[u]" + TerminalText.Markup(c.Header) + "[/]").RightAligned().Padding(gap));
        for (int i = 0; i < entries.Count; i++)
        {
            var row = new List<string> { TerminalText.Markup(entries[i].Id) };
            if (named) row.Add(TerminalText.Markup(Short(Scalar(entries[i].Fields, "name") ?? "")));
            row.AddRange(columns.Select(c => TerminalText.Markup(Short(c.Cells[i]))));
            table.AddRow([.. row]);
        }
        console.Write(table);
    }

    private sealed record SummaryColumn(string Header, IReadOnlyList<string> Cells);

    private static SummaryColumn Column(string field, IReadOnlyList<string?> values)
    {
        string header = Label.TryGetValue(field, out var label) ? label : field.Replace('_', ' ');
        var split = values.Select(v => v is null ? null : SplitUnit(v)).ToList();
        var units = split.Where(x => x is not null).Select(x => x!.Value.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count == 1 && units[0] is { Length: > 0 } unit)
            return new SummaryColumn($"{header} ({unit})", [.. split.Select(x => x?.Number ?? "")]);
        return new SummaryColumn(header, [.. values.Select(v => v ?? "")]);
    }

    /// <summary>"989 TFLOP/s" is (989, TFLOP/s); a value that is not a number and a unit has no unit.</summary>
    private static (string Number, string Unit)? SplitUnit(string value)
    {
        int space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || value.IndexOf(' ', space + 1) >= 0) return (value, "");
        string number = value[..space];
        return double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? (number, value[(space + 1)..]) : (value, "");
    }

    private static string[] FirstFields(CatalogEntry e) =>
        [.. e.Fields.Entries.Select(f => f.Key.Value).Where(k => k is not ("id" or "name" or "source" or "vendor")).Where(k => Scalar(e.Fields, k) is not null).Take(FallbackFields)];

    /// <summary>A field's value as written: a plain scalar, the value of a {value, source} pair, or a short list.</summary>
    private static string? Scalar(YMapping map, string key)
    {
        return Field(map, key) switch
        {
            YScalar s => s.Value,
            YMapping m when Field(m, "value") is YScalar v => v.Value,
            YSequence seq when seq.Items.All(i => i is YScalar) => string.Join(", ", seq.Items.OfType<YScalar>().Select(x => x.Value)),
            _ => null,
        };
    }

    private static YNode? Field(YMapping map, string key)
    {
        foreach (var f in map.Entries)
            if (f.Key.Value == key) return f.Value;
        return null;
    }

    private static string Short(string text) => text.Length <= MaxCell ? text : text[..(MaxCell - 1)] + "…";
}
