using System.Globalization;

namespace Kolosseum.Sweeps;

/// <summary>
/// Reads an axis path: dotted keys with an optional list index, <c>options[1].gpus</c>, <c>power.site_limit</c>,
/// <c>catalog.gpus[0].tdp</c>. Keys are YAML keys of the scenario format (letters, digits, underscores, dashes).
/// </summary>
public static class AxisPathParser
{
    /// <summary>Plan knobs: paths that no scenario file has, applied to the loaded scenario.</summary>
    public static readonly IReadOnlyDictionary<string, AxisKind> Knobs = new Dictionary<string, AxisKind>(StringComparer.Ordinal)
    {
        ["reliability.failure_rate_scale"] = AxisKind.FailureRateScale,
        ["reliability.restart_scale"] = AxisKind.RestartScale,
        ["seed"] = AxisKind.Seed,
    };

    /// <summary>The steps of the path, or the reason it cannot be read.</summary>
    public static (IReadOnlyList<PathStep>? Steps, string? Error) Parse(string path)
    {
        if (path.Length == 0) return (null, "the path is empty");
        var steps = new List<PathStep>();
        foreach (var part in path.Split('.'))
        {
            if (part.Length == 0) return (null, "two dots in a row, or a dot at an end");
            string key = part;
            int? index = null;
            int open = part.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                if (!part.EndsWith(']')) return (null, $"'{part}': a '[' without its closing ']'");
                key = part[..open];
                string number = part[(open + 1)..^1];
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || number.Length > 6)
                    return (null, $"'{part}': the list index must be a whole number, e.g. options[1]");
                index = i;
            }
            if (key.Length == 0) return (null, $"'{part}': a list index needs a key before it, e.g. options[1]");
            if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return (null, $"'{key}' is not a key: keys are letters, digits, '_' and '-'");
            steps.Add(new PathStep(key, index));
        }
        return (steps, null);
    }
}
