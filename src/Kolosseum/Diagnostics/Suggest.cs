namespace Kolosseum.Diagnostics;

/// <summary>"Did you mean" for keys, ids, units and commands.</summary>
public static class Suggest
{
    /// <summary>The candidate nearest to <paramref name="input"/>, or null when none is plausibly meant.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        if (string.IsNullOrEmpty(input)) return null;
        string needle = input.ToUpperInvariant();
        string? best = null;
        double bestScore = double.MaxValue;
        foreach (var candidate in candidates)
        {
            string hay = candidate.ToUpperInvariant();
            double score = Score(needle, hay);
            if (score < bestScore || (score == bestScore && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                bestScore = score;
                best = candidate;
            }
        }
        if (best is null) return null;
        double threshold = Math.Max(2, needle.Length / 3.0);
        return bestScore <= threshold ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or the list of valid values when the list is short.</summary>
    public static string? DidYouMean(string input, IReadOnlyCollection<string> candidates, int listUpTo = 8)
    {
        var closest = Closest(input, candidates);
        if (closest is not null) return $"did you mean '{closest}'?";
        if (candidates.Count == 0) return null;
        if (candidates.Count <= listUpTo) return "valid: " + string.Join(", ", candidates);
        return "valid: " + string.Join(", ", candidates.Take(listUpTo)) + $", ... ({candidates.Count} in all)";
    }

    private static double Score(string needle, string hay)
    {
        if (needle == hay) return 0;
        double distance = Levenshtein(needle, hay);
        // A prefix ("H100" for "H100-SXM-80GB") or a contained word is a strong hint even when the
        // full strings are far apart.
        if (hay.Length > needle.Length)
        {
            double prefix = Levenshtein(needle, hay[..needle.Length]) + 0.5;
            distance = Math.Min(distance, prefix);
            if (hay.Contains(needle, StringComparison.Ordinal)) distance = Math.Min(distance, 1);
        }
        return distance;
    }

    public static int Levenshtein(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        if (a.Length > 256 || b.Length > 256) return Math.Max(a.Length, b.Length);
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> curr = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            curr[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                curr[j] = Math.Min(Math.Min(curr[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            var t = prev;
            prev = curr;
            curr = t;
        }
        return prev[b.Length];
    }
}
