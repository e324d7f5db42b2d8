using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Findings;

/// <summary>How much of the code a diagnostic needs to have seen to be trusted.</summary>
internal enum FindingScope
{
    /// <summary>The enclosing member is enough (most rules).</summary>
    Member,

    /// <summary>The whole file: e.g. "Equals without GetHashCode" is wrong if the other half sits in a hunk not shown.</summary>
    WholeFile,

    /// <summary>The whole type: e.g. "private field never used" is wrong if another part of a partial type uses it.</summary>
    WholeType,
}

/// <summary>
/// A compiler or analyzer diagnostic ReviewBot reports: what kind of problem it is, how sure a reviewer can be, and
/// what to do about it (appended to the diagnostic's own message).
/// </summary>
internal sealed record CatalogEntry(string Id, FindingKind Kind, double Confidence, string Advice, FindingScope Scope = FindingScope.Member);
