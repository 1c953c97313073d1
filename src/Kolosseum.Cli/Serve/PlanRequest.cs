using System.Text.Json;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// One <c>POST /api/plan</c> or <c>/api/view</c> body:
/// <c>{"scenario": YAML text or null (the served one), "file": name for diagnostics, "overrides": {...},
/// "trials": N, "what_if": bool, "seed": S}</c>. Every problem is a diagnostic that names the field.
/// </summary>
internal sealed record PlanRequest
{
    public const int MaxFileNameLength = 100;

    /// <summary>Null: the scenario the server was started with.</summary>
    public string? ScenarioText { get; init; }

    public string FileName { get; init; } = "pasted.yaml";
    public ScenarioOverrides Overrides { get; init; } = ScenarioOverrides.None;
    public int? Trials { get; init; }
    public bool? WhatIf { get; init; }
    public ulong? Seed { get; init; }

    private static readonly string[] TopKeys = ["scenario", "file", "overrides", "trials", "what_if", "seed"];

    private static readonly string[] OverrideKeys =
        ["options", "global_batch", "global_batch_max", "failure_rate_scale", "restart_scale", "electricity_usd_per_kwh", "utilisation_percent", "site_limit_mw"];

    private static readonly string[] OptionKeys = ["gpus", "rent_usd_per_gpu_hour"];

    private static readonly SourceLocation At = SourceLocation.ForFlag("request");

    public static PlanRequest? Parse(ReadOnlySpan<byte> body, DiagnosticBag bag)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            bag.Error(DiagnosticCodes.WrongType, At, "", null, "the request body is not JSON: " + ex.Message,
                "send {\"scenario\": \"...YAML...\", \"overrides\": {...}}, or {} for the served scenario");
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                bag.Error(DiagnosticCodes.WrongType, At, "", null, "the request must be a JSON object", "send {} for the served scenario");
                return null;
            }
            Unknown(root, "", TopKeys, bag);
            var request = new PlanRequest
            {
                ScenarioText = Text(root, "scenario", bag, YamlLimits.Default.MaxBytes),
                FileName = FileNameOf(Text(root, "file", bag, 10_000)),
                Overrides = root.TryGetProperty("overrides", out var o) && o.ValueKind != JsonValueKind.Null ? ReadOverrides(o, bag) : ScenarioOverrides.None,
                Trials = (int?)Whole(root, "trials", 1, 200_000, bag),
                WhatIf = Flag(root, "what_if", bag),
                Seed = (ulong?)Whole(root, "seed", 0, QuantityParser.MaxExactInteger, bag),
            };
            return bag.HasErrors ? null : request;
        }
    }

    /// <summary>Only a plain file name is shown back (diagnostics, the report's footer): no folders, no control characters.</summary>
    private static string FileNameOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "pasted.yaml";
        name = Path.GetFileName(name.Replace('\\', '/'));
        if (name.Length == 0 || name.Length > MaxFileNameLength || name.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u200B' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069'))
            return "pasted.yaml";
        return name;
    }

    private static ScenarioOverrides ReadOverrides(JsonElement o, DiagnosticBag bag)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            bag.Error(DiagnosticCodes.WrongType, At, "overrides", null, "must be a JSON object", "e.g. {\"utilisation_percent\": 70}");
            return ScenarioOverrides.None;
        }
        Unknown(o, "overrides.", OverrideKeys, bag);
        var options = new List<OptionOverride?>();
        if (o.TryGetProperty("options", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
                bag.Error(DiagnosticCodes.WrongType, At, "overrides.options", null, "must be a list with one entry (or null) per option", "e.g. [{\"gpus\": 24000}, null]");
            else
            {
                int i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    string path = $"overrides.options[{i.Inv()}]";
                    if (item.ValueKind == JsonValueKind.Null) options.Add(null);
                    else if (item.ValueKind != JsonValueKind.Object)
                    {
                        bag.Error(DiagnosticCodes.WrongType, At, path, null, "must be an object or null", "e.g. {\"gpus\": 24000}");
                        options.Add(null);
                    }
                    else
                    {
                        Unknown(item, path + ".", OptionKeys, bag);
                        options.Add(new OptionOverride { Gpus = Number(item, "gpus", path + ".", bag), RentUsdPerGpuHour = Number(item, "rent_usd_per_gpu_hour", path + ".", bag) });
                    }
                    i++;
                }
            }
        }
        bool removeSite = o.TryGetProperty("site_limit_mw", out var site) && site.ValueKind == JsonValueKind.Null;
        return new ScenarioOverrides
        {
            Options = options,
            GlobalBatch = Number(o, "global_batch", "overrides.", bag),
            GlobalBatchMax = Number(o, "global_batch_max", "overrides.", bag),
            FailureRateScale = Scale(o, "failure_rate_scale", bag),
            RestartScale = Scale(o, "restart_scale", bag),
            ElectricityUsdPerKwh = Number(o, "electricity_usd_per_kwh", "overrides.", bag),
            UtilisationPercent = Number(o, "utilisation_percent", "overrides.", bag),
            SiteLimitMw = removeSite ? null : Number(o, "site_limit_mw", "overrides.", bag),
            RemoveSiteLimit = removeSite,
        };
    }

    private static void Unknown(JsonElement o, string prefix, string[] known, DiagnosticBag bag)
    {
        foreach (var p in o.EnumerateObject())
        {
            if (known.Contains(p.Name, StringComparer.Ordinal)) continue;
            bag.Error(DiagnosticCodes.UnknownKey, At, prefix + p.Name, null, "unknown field",
                Suggest.Closest(p.Name, known) is { } s ? $"did you mean '{s}'?" : "known: " + string.Join(", ", known));
        }
    }

    /// <summary>A JSON number kept as written, so the scenario loader checks it as if a file said it (null or absent: unchanged).</summary>
    private static string? Number(JsonElement o, string key, string prefix, DiagnosticBag bag)
    {
        if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
        bag.Error(DiagnosticCodes.WrongType, At, prefix + key, Clip(v.GetRawText()), "must be a number", null);
        return null;
    }

    private static double? Scale(JsonElement o, string key, DiagnosticBag bag)
    {
        if (Number(o, key, "overrides.", bag) is not { } text) return null;
        double value = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        if (value is >= ScenarioOverrides.MinScale and <= ScenarioOverrides.MaxScale) return value;
        bag.Error(DiagnosticCodes.OutOfRange, At, "overrides." + key, text,
            $"must be between {ScenarioOverrides.MinScale.Inv()} and {ScenarioOverrides.MaxScale.Inv()} (a multiplier: 1 is the scenario's own value)", "e.g. 2 for twice as many failures");
        return null;
    }

    private static long? Whole(JsonElement o, string key, long min, long max, DiagnosticBag bag)
    {
        if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) && n >= min && n <= max) return n;
        bag.Error(DiagnosticCodes.OutOfRange, At, key, Clip(v.GetRawText()), $"must be a whole number between {min.Inv()} and {max.Inv()}", null);
        return null;
    }

    private static bool? Flag(JsonElement o, string key, DiagnosticBag bag)
    {
        if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        bag.Error(DiagnosticCodes.WrongType, At, key, Clip(v.GetRawText()), "must be true or false", null);
        return null;
    }

    private static string? Text(JsonElement o, string key, DiagnosticBag bag, long maxLength)
    {
        if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            bag.Error(DiagnosticCodes.WrongType, At, key, Clip(v.GetRawText()), "must be a string", null);
            return null;
        }
        string text = v.GetString()!;
        if (text.Length <= maxLength) return text;
        bag.Error(DiagnosticCodes.LimitExceeded, At, key, null, $"longer than {maxLength.Inv()} characters", "a scenario is a few kilobytes of YAML");
        return null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
