namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Keeps what a change introduced. A finding whose rule already fired at base on the same normalized line text is not
/// new, wherever that line moved to; when head has more such findings than base had, the surplus is new, and it is
/// attributed to the occurrences on added lines. The same count is then made once more on the code's shape (identifiers
/// masked, <see cref="CodeShape"/>), so a line that only renamed something does not bring back what base already had.
/// </summary>
internal static class Baseline
{
    /// <param name="candidates">Head findings that touch an added line.</param>
    /// <param name="headKeys">Keys of every head finding, on any line (so an unchanged occurrence counts too).</param>
    /// <param name="baseKeys">Keys of every base finding.</param>
    public static List<Finding> KeepNew(IEnumerable<Finding> candidates, IEnumerable<BaselineKey> headKeys, IEnumerable<BaselineKey> baseKeys)
    {
        var heads = headKeys.ToList();
        var bases = baseKeys.ToList();
        var newByText = Surplus(candidates, static f => f.Key, heads, bases);
        return Surplus(newByText, static f => Shape(f.Key), heads.ConvertAll(Shape), bases.ConvertAll(Shape));
    }

    /// <summary>Per key, as many candidates (first lines first) as head has occurrences beyond base's.</summary>
    private static List<Finding> Surplus(IEnumerable<Finding> candidates, Func<Finding, BaselineKey> keyOf, List<BaselineKey> headKeys, List<BaselineKey> baseKeys)
    {
        var atBase = Count(baseKeys);
        var atHead = Count(headKeys);
        var kept = new List<Finding>();
        foreach (var group in candidates.GroupBy(keyOf))
        {
            var total = Math.Max(atHead.GetValueOrDefault(group.Key), group.Count());
            var introduced = total - atBase.GetValueOrDefault(group.Key);
            kept.AddRange(group.OrderBy(static f => f.FirstLine).Take(Math.Max(0, introduced)));
        }

        return kept;
    }

    private static BaselineKey Shape(BaselineKey key) => key with { Text = CodeShape.Of(key.Text) };

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
