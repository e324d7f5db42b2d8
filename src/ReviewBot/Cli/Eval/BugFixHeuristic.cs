using System.Text.RegularExpressions;

namespace ReviewBot.Cli.Eval;

/// <summary>Tells a bug-fix commit by its message: fix, bug, crash, regression, NRE, null reference, off-by-one, hotfix, …</summary>
internal static partial class BugFixHeuristic
{
    public static bool IsFix(string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return FixWords().IsMatch(subject) || (!string.IsNullOrEmpty(body) && FixTrailer().IsMatch(body));
    }

    [GeneratedRegex(@"\b(fix(es|ed|ing)?|bug(s|fix)?|hotfix|crash(es|ed|ing)?|regression|NRE|null ?reference|NullReferenceException|off[- ]by[- ]one|deadlock|race condition|leak(s|ed)?|broken|incorrect(ly)?|wrong)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixWords();

    // In the body only the conventional trailers count: prose there mentions bugs for all sorts of reasons.
    [GeneratedRegex(@"^\s*(fixes|closes|resolves)\s+#?\w+", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FixTrailer();
}
