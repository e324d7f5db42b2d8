using System.Globalization;

namespace ReviewBot.Data.Feedback;

/// <summary>What happened to one of ReviewBot's comments (or to its pull request). Stored as snake_case text.</summary>
public enum FeedbackEventKind
{
    ReactionAdded,
    ReactionRemoved,
    ReplyCreated,
    ReplyEdited,
    ReplyDeleted,
    ThreadResolved,
    ThreadUnresolved,

    /// <summary>The commented code no longer stands at a later head of the pull request.</summary>
    CodeChanged,

    /// <summary>A conversation comment on the pull request (about a comment when it links to or quotes it).</summary>
    ConversationComment,
    ConversationCommentEdited,
    PullRequestMerged,
    PullRequestClosed,
}

/// <summary>
/// One row of the append-only feedback log. <see cref="Key"/> is the natural key (a reaction's id, a reply's id and
/// version, a delivery's id): storing the same fact again, from a re-poll or a redelivery, adds nothing.
/// </summary>
public sealed record FeedbackEvent
{
    public required string Key { get; init; }

    public required string Repository { get; init; }

    public required int PullNumber { get; init; }

    /// <summary>The GitHub id of the ReviewBot comment it is about; null for the pull request as a whole.</summary>
    public long? CommentId { get; init; }

    public required FeedbackEventKind Kind { get; init; }

    /// <summary>Who did it (GitHub login).</summary>
    public string? Actor { get; init; }

    /// <summary>The actor's <c>author_association</c> when it was known at the time; resolved again at export when not.</summary>
    public string? AuthorAssociation { get; init; }

    /// <summary>The reaction (<c>+1</c>, <c>-1</c>, …) or the reply's text.</summary>
    public string? Content { get; init; }

    /// <summary>The reaction's, reply's or conversation comment's own GitHub id.</summary>
    public long? SourceId { get; init; }

    public string? HeadSha { get; init; }

    public string? DeliveryId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The row's id once stored (ordering ties); 0 before.</summary>
    public long Id { get; init; }
}

/// <summary>The natural keys of feedback events and the stored names of their kinds.</summary>
public static class FeedbackEvents
{
    public static string Name(FeedbackEventKind kind) => kind switch
    {
        FeedbackEventKind.ReactionAdded => "reaction_added",
        FeedbackEventKind.ReactionRemoved => "reaction_removed",
        FeedbackEventKind.ReplyCreated => "reply_created",
        FeedbackEventKind.ReplyEdited => "reply_edited",
        FeedbackEventKind.ReplyDeleted => "reply_deleted",
        FeedbackEventKind.ThreadResolved => "thread_resolved",
        FeedbackEventKind.ThreadUnresolved => "thread_unresolved",
        FeedbackEventKind.CodeChanged => "code_changed",
        FeedbackEventKind.ConversationComment => "conversation_comment",
        FeedbackEventKind.ConversationCommentEdited => "conversation_comment_edited",
        FeedbackEventKind.PullRequestMerged => "pr_merged",
        FeedbackEventKind.PullRequestClosed => "pr_closed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static FeedbackEventKind? Parse(string? name)
    {
        foreach (var kind in Enum.GetValues<FeedbackEventKind>())
        {
            if (string.Equals(Name(kind), name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    public static string ReactionAdded(long reactionId) => Invariant($"reaction:{reactionId}:added");

    public static string ReactionRemoved(long reactionId) => Invariant($"reaction:{reactionId}:removed");

    public static string ReplyCreated(long replyId) => Invariant($"reply:{replyId}:created");

    /// <summary>One per version of the text: an edit seen by webhook and by poll is the same edit.</summary>
    public static string ReplyEdited(long replyId, DateTimeOffset updatedAt) => Invariant($"reply:{replyId}:edited:{updatedAt.ToUnixTimeSeconds()}");

    public static string ReplyDeleted(long replyId) => Invariant($"reply:{replyId}:deleted");

    /// <summary>A thread can be resolved and unresolved many times; each delivery is one such act.</summary>
    public static string Thread(string threadNodeId, bool resolved, string deliveryId) => $"thread:{threadNodeId}:{(resolved ? "resolved" : "unresolved")}:{deliveryId}";

    public static string CodeChanged(long commentId) => Invariant($"code:{commentId}:changed");

    public static string ConversationComment(long issueCommentId) => Invariant($"issue-comment:{issueCommentId}:created");

    public static string ConversationCommentEdited(long issueCommentId, DateTimeOffset updatedAt) => Invariant($"issue-comment:{issueCommentId}:edited:{updatedAt.ToUnixTimeSeconds()}");

    public static string PullRequestClosed(string repository, int number, bool merged, DateTimeOffset closedAt) =>
        Invariant($"pr:{repository}#{number}:{(merged ? "merged" : "closed")}:{closedAt.ToUnixTimeSeconds()}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
