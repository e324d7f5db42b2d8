namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Keeps what a change introduced. A finding whose rule already fired at base on the same normalized line text is not
/// new, wherever that line moved to; when head has more such findings than base had, the surplus is new, and it is
/// attributed to the occurrences on added lines.
/// </summary>
internal static class Baseline
{
    /// <param name="candidates">Head findings that touch an added line.</param>
    /// <param name="headKeys">Keys of every head finding, on any line (so an unchanged occurrence counts too).</param>
    /// <param name="baseKeys">Keys of every base finding.</param>
    public static List<Finding> KeepNew(IEnumerable<Finding> candidates, IEnumerable<BaselineKey> headKeys, IEnumerable<BaselineKey> baseKeys)
    {
        var atBase = Count(baseKeys);
        var atHead = Count(headKeys);
        var kept = new List<Finding>();
        foreach (var group in candidates.GroupBy(static f => f.Key))
        {
            var total = Math.Max(atHead.GetValueOrDefault(group.Key), group.Count());
            var introduced = total - atBase.GetValueOrDefault(group.Key);
            kept.AddRange(group.OrderBy(static f => f.FirstLine).Take(Math.Max(0, introduced)));
        }

        return kept;
    }

    private static Dictionary<BaselineKey, int> Count(IEnumerable<BaselineKey> keys)
    {
        var counts = new Dictionary<BaselineKey, int>();
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
