namespace ReviewBot.Data.Feedback.Labels;

/// <summary>Where a comment stands after its feedback. Only <see cref="Positive"/>, <see cref="Neutral"/> and <see cref="Negative"/> become data.</summary>
public enum FeedbackLabel
{
    /// <summary>Too little feedback yet, and the pull request is still open.</summary>
    Undecided,

    /// <summary>People disagreed and the net score stayed within the margin.</summary>
    Conflicted,

    Negative,

    /// <summary>Little or no feedback and the pull request closed: the comment was ignored.</summary>
    Neutral,

    Positive,
}

/// <summary>How a pull request ended, as far as is known.</summary>
public sealed record PullRequestFate(bool Closed, bool Merged);

/// <summary>The feedback on one ReviewBot comment: its events, oldest first.</summary>
public sealed record CommentHistory(long CommentId, IReadOnlyList<FeedbackEvent> Events);

/// <summary>A comment's label with the net score and the signals behind it.</summary>
public sealed record CommentVerdict(long CommentId, FeedbackLabel Label, double Score, bool ActedOn, IReadOnlyList<string> Signals)
{
    /// <summary>Order of preference among labelled comments (positive over neutral over negative); −1 when excluded.</summary>
    public int Rank => Label switch
    {
        FeedbackLabel.Positive => 2,
        FeedbackLabel.Neutral => 1,
        FeedbackLabel.Negative => 0,
        _ => -1,
    };
}

/// <summary>One preference: <see cref="Chosen"/> over <see cref="Rejected"/>, comments of the same review.</summary>
public sealed record PreferencePair(CommentVerdict Chosen, CommentVerdict Rejected, double Weight);

/// <summary>
/// The label rules, in one place (README, "Learning from feedback"). Each person has one vote per comment: their
/// latest polar signal, a reaction still present (👍 ❤️ 🚀 🎉 for, 👎 😕 against) or a reply that agrees or disagrees,
/// weighted by their <c>author_association</c>. The flagged code changing at a later head ("acted on") adds
/// <see cref="FeedbackOptions.CodeChangedWeight"/>; a thread a person resolved adds the resolved weight after a
/// change, or takes it away when resolved without a change over a net negative vote ("dismissed"). Bots never count.
/// </summary>
public sealed class FeedbackLabeler(FeedbackOptions options, BotIdentity bots)
{
    private static readonly HashSet<string> PositiveReactions = new(StringComparer.Ordinal) { "+1", "heart", "rocket", "hooray" };
    private static readonly HashSet<string> NegativeReactions = new(StringComparer.Ordinal) { "-1", "confused" };

    public CommentVerdict Label(CommentHistory history, PullRequestFate fate)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(fate);
        var reactions = new Dictionary<long, FeedbackEvent>();
        var replies = new Dictionary<long, FeedbackEvent>();
        var actedOn = false;
        FeedbackEvent? thread = null;
        foreach (var e in history.Events.OrderBy(static e => e.OccurredAt).ThenBy(static e => e.SourceId ?? 0).ThenBy(static e => e.Id))
        {
            if (e.Kind != FeedbackEventKind.CodeChanged && bots.IsBot(e.Actor))
            {
                continue;
            }

            var source = e.SourceId ?? e.Id;
            switch (e.Kind)
            {
                case FeedbackEventKind.ReactionAdded:
                    reactions[source] = e;
                    break;
                case FeedbackEventKind.ReactionRemoved:
                    reactions.Remove(source);
                    break;
                case FeedbackEventKind.ReplyCreated or FeedbackEventKind.ReplyEdited
                    or FeedbackEventKind.ConversationComment or FeedbackEventKind.ConversationCommentEdited:
                    replies[source] = e;
                    break;
                case FeedbackEventKind.ReplyDeleted:
                    replies.Remove(source);
                    break;
                case FeedbackEventKind.ThreadResolved or FeedbackEventKind.ThreadUnresolved:
                    thread = e;
                    break;
                case FeedbackEventKind.CodeChanged:
                    actedOn = true;
                    break;
            }
        }

        var signals = new List<string>();
        var votes = Votes(reactions.Values, replies.Values);
        var score = 0.0;
        foreach (var (user, vote) in votes.OrderBy(static v => v.Key, StringComparer.Ordinal))
        {
            var weight = options.WeightOf(vote.Event.AuthorAssociation);
            score += vote.Sign * weight;
            signals.Add($"{(vote.Sign > 0 ? "+" : "-")}{weight:0.##} {user} ({vote.Event.AuthorAssociation ?? "NONE"}, {Describe(vote.Event)})");
        }

        var votesNet = score;
        if (actedOn)
        {
            score += options.CodeChangedWeight;
            signals.Add($"+{options.CodeChangedWeight:0.##} code changed at the flagged lines");
        }

        if (thread is { Kind: FeedbackEventKind.ThreadResolved })
        {
            var weight = options.ResolvedWeight * options.WeightOf(thread.AuthorAssociation);
            if (actedOn)
            {
                score += weight;
                signals.Add($"+{weight:0.##} resolved by {thread.Actor} after a change");
            }
            else if (votesNet < 0)
            {
                score -= weight;
                signals.Add($"-{weight:0.##} dismissed by {thread.Actor} (resolved without a change)");
            }
        }

        score = Math.Round(score, 6);
        var hasFor = votes.Values.Any(static v => v.Sign > 0) || actedOn;
        var hasAgainst = votes.Values.Any(static v => v.Sign < 0);
        var label = score >= options.LabelMargin ? FeedbackLabel.Positive
            : score <= -options.LabelMargin ? FeedbackLabel.Negative
            : hasFor && hasAgainst ? FeedbackLabel.Conflicted
            : fate.Closed ? FeedbackLabel.Neutral
            : FeedbackLabel.Undecided;
        return new CommentVerdict(history.CommentId, label, score, actedOn, signals);
    }

    /// <summary>
    /// Pairs within one review: a comment of a better label over one of a worse label whose score is at least
    /// <see cref="FeedbackOptions.PairMargin"/> lower, weighted by the score difference (capped). Ties and
    /// conflicts never pair.
    /// </summary>
    public IReadOnlyList<PreferencePair> Pair(IReadOnlyList<CommentVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var pairs = new List<PreferencePair>();
        var usable = verdicts.Where(static v => v.Rank >= 0).OrderBy(static v => v.CommentId).ToList();
        foreach (var chosen in usable)
        {
            foreach (var rejected in usable)
            {
                var gap = chosen.Score - rejected.Score;
                if (chosen.Rank > rejected.Rank && gap >= options.PairMargin - 1e-9)
                {
                    pairs.Add(new PreferencePair(chosen, rejected, Math.Round(Math.Min(gap, options.MaxPairWeight), 6)));
                }
            }
        }

        return pairs;
    }

    private static Dictionary<string, (int Sign, FeedbackEvent Event)> Votes(IEnumerable<FeedbackEvent> reactions, IEnumerable<FeedbackEvent> replies)
    {
        var polar = reactions.Select(static e => (Event: e, Sign: PositiveReactions.Contains(e.Content ?? "") ? 1 : NegativeReactions.Contains(e.Content ?? "") ? -1 : 0))
            .Concat(replies.Select(static e => (Event: e, Sign: ReplySentiment.Classify(e.Content) switch { Sentiment.Agrees => 1, Sentiment.Disagrees => -1, _ => 0 })))
            .Where(static v => v.Sign != 0 && !string.IsNullOrEmpty(v.Event.Actor));

        // A person who gave both 👍 and 👎 (or changed their mind in a reply) counts once: their latest signal.
        var votes = new Dictionary<string, (int Sign, FeedbackEvent Event)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (e, sign) in polar.OrderBy(static v => v.Event.OccurredAt).ThenBy(static v => v.Event.SourceId ?? 0).ThenBy(static v => v.Event.Id))
        {
            votes[e.Actor!] = (sign, e);
        }

        return votes;
    }

    private static string Describe(FeedbackEvent e) => e.Kind is FeedbackEventKind.ReactionAdded ? $"reaction {e.Content}" : "reply";
}
