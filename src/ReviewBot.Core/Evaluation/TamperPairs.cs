using System.Globalization;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Ranking.RewardPairs;

namespace ReviewBot.Core.Evaluation;

/// <summary>
/// Cold-start reward-model pairs from one evaluated change (the paper's tampering data, FSBS design notes): a
/// critique that quotes and explains the inserted bug beats one that misses it, and a critique with an extra highlight
/// off the bug loses to the same critique without it. The building blocks are the critic's own candidate highlights on
/// the change, plus a "gold" highlight made from the tamperer's note.
/// </summary>
public static class TamperPairs
{
    /// <summary>Most pairs of each shape per change, so that changes with many findings do not dominate.</summary>
    public const int PerShape = 2;

    /// <param name="evalCase">The change and its known bug.</param>
    /// <param name="diff">The parsed <see cref="EvalCase.Patch"/>.</param>
    /// <param name="blocks">The critic's candidate highlights on the change (all of them, posted or not).</param>
    public static IReadOnlyList<RewardPair> Build(EvalCase evalCase, UnifiedDiff diff, IReadOnlyList<Highlight> blocks)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(blocks);
        var catching = blocks.Where(h => CaseScoring.Overlaps(evalCase, h)).Take(PerShape).ToList();
        var missing = blocks.Where(h => !CaseScoring.Overlaps(evalCase, h)).Take(PerShape + 1).ToList();
        var pairs = new List<(Critique Chosen, Critique Rejected)>();
        if (evalCase.IsControl)
        {
            // Every finding on a harmless edit is a false alarm: saying nothing is better.
            pairs.AddRange(missing.Select(static m => (Critique.Empty, One(m))));
        }
        else
        {
            var winners = new List<Highlight>(catching);
            if (Gold(evalCase, diff) is { } gold)
            {
                winners.Add(gold);
            }

            foreach (var winner in winners)
            {
                pairs.Add((One(winner), Critique.Empty));
                foreach (var miss in missing.Take(PerShape))
                {
                    pairs.Add((One(winner), One(miss)));
                    pairs.Add((One(winner), One(winner).Append(miss)));
                }
            }

            pairs.AddRange(missing.Select(static m => (Critique.Empty, One(m))));
        }

        return [.. pairs.Select((p, i) => new RewardPair
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{evalCase.Id}-{i + 1}"),
            Group = evalCase.Id,
            Source = RewardPairSource.Tamper,
            Diff = evalCase.Patch,
            Chosen = RewardPairCritique.From(p.Chosen),
            Rejected = RewardPairCritique.From(p.Rejected),
        })];
    }

    /// <summary>
    /// The gold highlight: the bug's lines quoted exactly from the diff (the first run of them that lies in one hunk)
    /// with the tamperer's explanation. Null for a control or when the lines are not in the diff.
    /// </summary>
    public static Highlight? Gold(EvalCase evalCase, UnifiedDiff diff)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(diff);
        var file = diff.FindFile(evalCase.Path);
        if (evalCase.IsControl || file is null || evalCase.Lines.Count == 0)
        {
            return null;
        }

        var start = evalCase.Lines.Min();
        var end = start;
        while (evalCase.Lines.Contains(end + 1) && file.IsCommentableRange(start, end + 1))
        {
            end++;
        }

        if (!file.IsCommentableRange(start, end))
        {
            return null;
        }

        var lines = Enumerable.Range(start, end - start + 1).Select(n => file.FindNewLine(n)).ToList();
        if (lines.Any(static l => l is null))
        {
            return null;
        }

        return new Highlight
        {
            Path = evalCase.Path,
            StartLine = start,
            EndLine = end,
            Quote = string.Join('\n', lines.Select(static l => l!.Text)),
            Comment = evalCase.Gold ?? evalCase.Description,
            Kind = FindingKind.Bug,
            Source = HighlightSource.Llm,
            Confidence = 0.9,
            OnAddedLine = lines.Any(static l => l!.Kind == DiffLineKind.Added),
        };
    }

    private static Critique One(Highlight highlight) => Critique.Empty.Append(highlight);
}
