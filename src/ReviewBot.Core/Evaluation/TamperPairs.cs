using System.Globalization;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Ranking.RewardPairs;

namespace ReviewBot.Core.Evaluation;

/// <summary>
/// Cold-start reward-model pairs from one evaluated change (the paper's tampering data, FSBS design notes): a
/// critique that quotes and explains the inserted bug beats one that misses it, and a critique with an extra highlight
/// on untouched code loses to the same critique without it. The building blocks are the critic's own candidate
/// highlights on the change, a "gold" highlight made from the tamperer's note, and two decoys made from the gold: the
/// same quote with a vague stylistic remark (quotes the bug, explains nothing) and the gold's claim moved onto an
/// untouched context line of the same hunk (a confident claim about correct code).
/// </summary>
public static class TamperPairs
{
    /// <summary>Most pairs of each shape per change, so that changes with many findings do not dominate.</summary>
    public const int PerShape = 2;

    private static readonly string[] Nitpicks =
    [
        "Consider extracting this into a well-named helper for readability.",
        "This line is a bit long; consider splitting it up.",
        "It might be worth adding a comment explaining this.",
        "Consider using a more descriptive name here.",
        "Maybe this could be written more concisely.",
    ];

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
            var gold = Gold(evalCase, diff);
            var losers = new List<Highlight>(missing.Take(PerShape));
            if (gold is not null)
            {
                winners.Add(gold);
                if (Misplaced(evalCase, diff, gold) is { } misplaced)
                {
                    losers.Add(misplaced);
                }
            }

            foreach (var winner in winners)
            {
                pairs.Add((One(winner), Critique.Empty));
                foreach (var loser in losers)
                {
                    pairs.Add((One(winner), One(loser)));
                    pairs.Add((One(winner), One(winner).Append(loser)));
                }

                if (gold is not null)
                {
                    pairs.Add((One(winner), One(Nitpick(evalCase, gold))));
                }
            }

            pairs.AddRange(losers.Select(static m => (Critique.Empty, One(m))));
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

    /// <summary>The gold's quote with a vague stylistic remark: it points at the bug and explains nothing.</summary>
    internal static Highlight Nitpick(EvalCase evalCase, Highlight gold) => gold with
    {
        Comment = Nitpicks[(int)(StableIndex(evalCase.Id) % (uint)Nitpicks.Length)],
        Kind = FindingKind.Style,
        Confidence = 0.5,
    };

    /// <summary>
    /// The gold's claim on the nearest untouched context line of the same hunk that holds code (not the bug, not a
    /// harmless edit, not a lone brace): a confident claim about correct code. Null when there is no such line.
    /// </summary>
    internal static Highlight? Misplaced(EvalCase evalCase, UnifiedDiff diff, Highlight gold)
    {
        var file = diff.FindFile(evalCase.Path);
        var hunk = file?.FindHunkForNewLine(gold.StartLine);
        var line = hunk?.Lines
            .Where(l => l.Kind == DiffLineKind.Context && !evalCase.Lines.Contains(l.NewLine) && !evalCase.HarmlessLines.Contains(l.NewLine) && l.Text.Trim().Length > 2)
            .OrderBy(l => Math.Abs(l.NewLine - gold.StartLine))
            .ThenBy(static l => l.NewLine)
            .FirstOrDefault();
        return line is null ? null : gold with { StartLine = line.NewLine, EndLine = line.NewLine, Quote = line.Text, OnAddedLine = false };
    }

    private static Critique One(Highlight highlight) => Critique.Empty.Append(highlight);

    // FNV-1a: string.GetHashCode is randomised per process, and the pairs file must not change between runs.
    private static uint StableIndex(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
