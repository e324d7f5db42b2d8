using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules;

/// <summary>What a ReviewBot rule reports: its id, a short title, the kind of problem and how sure it usually is.</summary>
internal sealed record RuleInfo(string Id, string Title, FindingKind Kind, double Confidence);

/// <summary>
/// One of ReviewBot's own C# rules. Rules favour precision over recall: when the code ReviewBot can see does not
/// settle the question (an unresolved symbol, an escape into another method), they stay silent.
/// </summary>
internal interface ICSharpRule
{
    RuleInfo Info { get; }

    /// <summary>Reports findings for one syntax tree through the Report methods of <see cref="RuleContext"/>.</summary>
    void Analyze(RuleContext context);
}
