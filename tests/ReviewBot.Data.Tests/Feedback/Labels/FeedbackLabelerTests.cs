using ReviewBot.Data.Feedback;
using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Data.Tests.Feedback.Labels;

public sealed class FeedbackLabelerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PullRequestFate Open = new(Closed: false, Merged: false);
    private static readonly PullRequestFate Merged = new(Closed: true, Merged: true);
    private readonly FeedbackLabeler _labeler = new(new FeedbackOptions(), new BotIdentity("reviewbot[bot]"));
    private long _id;

    [Fact]
    public void Label_ThumbsUpByOwner_Positive()
    {
        var verdict = Label(Open, Reaction("+1", "alice", "OWNER"));

        Assert.Equal(FeedbackLabel.Positive, verdict.Label);
        Assert.Equal(1.0, verdict.Score);
    }

    [Fact]
    public void Label_ThumbsDownByContributor_NegativeAtHalfWeight()
    {
        var verdict = Label(Open, Reaction("-1", "carol", "CONTRIBUTOR"));

        Assert.Equal(FeedbackLabel.Negative, verdict.Label);
        Assert.Equal(-0.5, verdict.Score);
    }

    [Fact]
    public void Label_SameUserGivesBothReactions_LaterOneCounts()
    {
        var up = Reaction("+1", "alice", "OWNER");
        var down = Reaction("-1", "alice", "OWNER", at: T0.AddMinutes(1));

        Assert.Equal(FeedbackLabel.Negative, Label(Open, up, down).Label);
        Assert.Equal(-1.0, Label(Open, up, down).Score);
        Assert.Equal(FeedbackLabel.Positive, Label(Open, down with { OccurredAt = T0 }, up with { OccurredAt = T0.AddMinutes(2) }).Label);
    }

    [Fact]
    public void Label_BothReactionsInTheSameSecond_LaterReactionIdCounts()
    {
        var verdict = Label(Open, Reaction("+1", "alice", "OWNER", reactionId: 10), Reaction("-1", "alice", "OWNER", reactionId: 11));

        Assert.Equal(FeedbackLabel.Negative, verdict.Label);
    }

    [Fact]
    public void Label_ReactionRemoved_NoLongerCounts()
    {
        var up = Reaction("+1", "alice", "OWNER", reactionId: 5);
        var removed = Event(FeedbackEventKind.ReactionRemoved, "alice", "OWNER", "+1", sourceId: 5, at: T0.AddMinutes(3));

        Assert.Equal(FeedbackLabel.Undecided, Label(Open, up, removed).Label);
        Assert.Equal(FeedbackLabel.Neutral, Label(Merged, up, removed).Label);
    }

    [Fact]
    public void Label_BotsOwnReaction_Ignored()
    {
        var verdict = Label(Open, Reaction("+1", "reviewbot[bot]", "NONE"), Reaction("+1", "dependabot[bot]", "NONE"));

        Assert.Equal(FeedbackLabel.Undecided, verdict.Label);
        Assert.Equal(0.0, verdict.Score);
    }

    [Fact]
    public void Label_OwnerUpContributorDown_NetPositiveByWeight()
    {
        var verdict = Label(Open, Reaction("+1", "alice", "OWNER"), Reaction("-1", "carol", "CONTRIBUTOR"));

        Assert.Equal(FeedbackLabel.Positive, verdict.Label);
        Assert.Equal(0.5, verdict.Score);
    }

    [Fact]
    public void Label_EqualVotesBothWays_ConflictedAndExcluded()
    {
        var verdict = Label(Merged, Reaction("+1", "alice", "OWNER"), Reaction("-1", "bob", "MEMBER"));

        Assert.Equal(FeedbackLabel.Conflicted, verdict.Label);
        Assert.Equal(-1, verdict.Rank);
    }

    [Fact]
    public void Label_UnknownUserAlone_BelowTheMargin()
    {
        var verdict = Label(Merged, Reaction("heart", "passer-by", null));

        Assert.Equal(0.25, verdict.Score);
        Assert.Equal(FeedbackLabel.Neutral, verdict.Label);
    }

    [Fact]
    public void Label_NeutralReactions_CarryNoVote()
    {
        Assert.Equal(0.0, Label(Open, Reaction("eyes", "alice", "OWNER"), Reaction("laugh", "bob", "OWNER")).Score);
    }

    [Fact]
    public void Label_AgreeingReply_PositiveAndLaterReactionOfSameUserWins()
    {
        var reply = Event(FeedbackEventKind.ReplyCreated, "alice", "COLLABORATOR", "Good catch, fixed.", sourceId: 900);

        Assert.Equal(FeedbackLabel.Positive, Label(Open, reply).Label);
        Assert.Equal(FeedbackLabel.Negative, Label(Open, reply, Reaction("-1", "alice", "COLLABORATOR", at: T0.AddHours(1))).Label);
    }

    [Fact]
    public void Label_DisagreeingReplyEditedToAgree_LatestTextCounts()
    {
        var reply = Event(FeedbackEventKind.ReplyCreated, "alice", "OWNER", "This is wrong", sourceId: 900);
        var edit = Event(FeedbackEventKind.ReplyEdited, "alice", "OWNER", "Actually you're right, thanks", sourceId: 900, at: T0.AddMinutes(5));
        var deleted = Event(FeedbackEventKind.ReplyDeleted, "alice", "OWNER", null, sourceId: 900, at: T0.AddMinutes(9));

        Assert.Equal(FeedbackLabel.Negative, Label(Open, reply).Label);
        Assert.Equal(FeedbackLabel.Positive, Label(Open, reply, edit).Label);
        Assert.Equal(FeedbackLabel.Undecided, Label(Open, reply, edit, deleted).Label);
    }

    [Fact]
    public void Label_CodeChangedAndResolvedByPerson_ActedOnAndStronglyPositive()
    {
        var verdict = Label(Merged, Event(FeedbackEventKind.CodeChanged, null, null, null), Event(FeedbackEventKind.ThreadResolved, "alice", "OWNER", null));

        Assert.True(verdict.ActedOn);
        Assert.Equal(FeedbackLabel.Positive, verdict.Label);
        Assert.Equal(1.5, verdict.Score);
    }

    [Fact]
    public void Label_ResolvedWithoutChangeOverThumbsDown_Dismissed()
    {
        var verdict = Label(Open, Reaction("-1", "carol", "CONTRIBUTOR"), Event(FeedbackEventKind.ThreadResolved, "alice", "OWNER", null, at: T0.AddMinutes(1)));

        Assert.Equal(FeedbackLabel.Negative, verdict.Label);
        Assert.Equal(-1.0, verdict.Score);
    }

    [Fact]
    public void Label_ResolvedThenUnresolved_ResolutionNoLongerCounts()
    {
        var verdict = Label(Open,
            Reaction("-1", "carol", "CONTRIBUTOR"),
            Event(FeedbackEventKind.ThreadResolved, "alice", "OWNER", null, at: T0.AddMinutes(1)),
            Event(FeedbackEventKind.ThreadUnresolved, "alice", "OWNER", null, at: T0.AddMinutes(2)));

        Assert.Equal(-0.5, verdict.Score);
    }

    [Fact]
    public void Label_ResolvedByTheBot_Ignored()
    {
        var verdict = Label(Open, Event(FeedbackEventKind.CodeChanged, null, null, null), Event(FeedbackEventKind.ThreadResolved, "reviewbot[bot]", null, null));

        Assert.Equal(1.0, verdict.Score);
    }

    [Fact]
    public void Pair_ThumbsUpOverThumbsDown_ActedOnOverIgnored_DismissedNeverOverAnything()
    {
        var up = Label(Merged, 1, Reaction("+1", "alice", "OWNER"));
        var down = Label(Merged, 2, Reaction("-1", "alice", "OWNER"));
        var actedOn = Label(Merged, 3, Event(FeedbackEventKind.CodeChanged, null, null, null));
        var ignored = Label(Merged, 4);
        var conflicted = Label(Merged, 5, Reaction("+1", "alice", "OWNER"), Reaction("-1", "bob", "OWNER"));

        var pairs = _labeler.Pair([down, ignored, up, actedOn, conflicted]).Select(static p => (p.Chosen.CommentId, p.Rejected.CommentId, p.Weight)).ToList();

        Assert.Equal([(1L, 2L, 2.0), (1L, 4L, 1.0), (3L, 2L, 2.0), (3L, 4L, 1.0), (4L, 2L, 1.0)], pairs);
    }

    [Fact]
    public void Pair_TwoPositivesOfDifferentStrength_NoPair()
    {
        var strong = Label(Merged, 1, Reaction("+1", "alice", "OWNER"), Event(FeedbackEventKind.CodeChanged, null, null, null));
        var weak = Label(Merged, 2, Reaction("+1", "carol", "CONTRIBUTOR"));

        Assert.Empty(_labeler.Pair([strong, weak]));
    }

    [Fact]
    public void Pair_ScoresCloserThanTheMargin_NoPair()
    {
        var labeler = new FeedbackLabeler(new FeedbackOptions { PairMargin = 1.5 }, new BotIdentity(null));
        var positive = labeler.Label(new CommentHistory(1, [Reaction("+1", "alice", "OWNER")]), Merged);
        var neutral = labeler.Label(new CommentHistory(2, []), Merged);

        Assert.Empty(labeler.Pair([positive, neutral]));
    }

    private CommentVerdict Label(PullRequestFate fate, params FeedbackEvent[] events) => Label(fate, 1, events);

    private CommentVerdict Label(PullRequestFate fate, long commentId, params FeedbackEvent[] events) =>
        _labeler.Label(new CommentHistory(commentId, events), fate);

    private FeedbackEvent Reaction(string content, string user, string? association, DateTimeOffset? at = null, long? reactionId = null) =>
        Event(FeedbackEventKind.ReactionAdded, user, association, content, reactionId ?? 100 + _id, at);

    private FeedbackEvent Event(FeedbackEventKind kind, string? actor, string? association, string? content, long? sourceId = null, DateTimeOffset? at = null)
    {
        var id = ++_id;
        return new FeedbackEvent
        {
            Id = id,
            Key = $"test:{id}",
            Repository = "octo/repo",
            PullNumber = 7,
            CommentId = 1,
            Kind = kind,
            Actor = actor,
            AuthorAssociation = association,
            Content = content,
            SourceId = sourceId,
            OccurredAt = at ?? T0,
        };
    }
}
