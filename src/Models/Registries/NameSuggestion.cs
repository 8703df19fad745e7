namespace Runner.Models.Registries;

/// <summary>
/// "Did you mean ...?": the closest known name by edit distance if it is close enough, else the one
/// known name that starts with what was written (an abbreviation such as 'acc' for 'accuracy').
/// </summary>
public static class NameSuggestion
{
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        var names = known.ToList();
        return ByDistance(unknown, names) ?? ByUniquePrefix(unknown, names);
    }

    static string? ByUniquePrefix(string unknown, IReadOnlyList<string> known)
    {
        if (unknown.Length < 2) return null;
        var matches = known.Where(k => k.StartsWith(unknown, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    static string? ByDistance(string unknown, IReadOnlyList<string> known)
    {
        var lowered = unknown.ToLowerInvariant();
        var best = known
            .Select(k => (Name: k, Distance: Distance(lowered, k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is null) return null;
        int allowed = Math.Max(2, lowered.Length / 3);
        return best.Distance <= allowed ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent swaps ('rleu' -> 'relu' is 1).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>"Known: a, b, c. Did you mean 'b'?" for an unknown name among known ones.</summary>
    public static string KnownAndSuggestion(string unknown, IEnumerable<string> known)
    {
        var names = known.OrderBy(n => n, StringComparer.Ordinal).ToList();
        var closest = Closest(unknown, names);
        return $"Known: {string.Join(", ", names)}." + (closest is null ? "" : $" Did you mean '{closest}'?");
    }
}
