namespace ReviewBot.Data.Feedback;

/// <summary>A stored feedback event as Dapper reads it; the association falls back to what was learned later.</summary>
internal sealed record EventRow
{
    public const string Select =
        """
        SELECT e.id AS Id, e.event_key AS EventKey, e.repository AS Repository, e.pull_number AS PullNumber, e.github_comment_id AS CommentId,
               e.kind AS Kind, e.actor AS Actor, COALESCE(e.author_association, u.author_association) AS AuthorAssociation, e.content AS Content,
               e.source_id AS SourceId, e.head_sha AS HeadSha, e.delivery_id AS DeliveryId, e.occurred_at AS OccurredAt
        FROM feedback_events e
        LEFT JOIN repository_users u ON u.repository = e.repository AND u.login = LOWER(e.actor)
        """;

    public long Id { get; init; }

    public string EventKey { get; init; } = "";

    public string Repository { get; init; } = "";

    public long PullNumber { get; init; }

    public long? CommentId { get; init; }

    public string Kind { get; init; } = "";

    public string? Actor { get; init; }

    public string? AuthorAssociation { get; init; }

    public string? Content { get; init; }

    public long? SourceId { get; init; }

    public string? HeadSha { get; init; }

    public string? DeliveryId { get; init; }

    public long OccurredAt { get; init; }

    public FeedbackEvent ToEvent() => new()
    {
        Id = Id,
        Key = EventKey,
        Repository = Repository,
        PullNumber = (int)PullNumber,
        CommentId = CommentId,
        Kind = FeedbackEvents.Parse(Kind) ?? throw new InvalidDataException($"Unknown feedback event kind '{Kind}' in row {Id}."),
        Actor = Actor,
        AuthorAssociation = AuthorAssociation ?? (Actor is not null && FeedbackStore.IsOwner(Repository, Actor) ? "OWNER" : null),
        Content = Content,
        SourceId = SourceId,
        HeadSha = HeadSha,
        DeliveryId = DeliveryId,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAt),
    };
}
