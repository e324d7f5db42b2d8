namespace ReviewBot.Webhooks;

// The fields of the feedback events (review comments, review threads, conversation comments, installations) that
// ReviewBot reads, on top of the common ones in WebhookPayload.cs. The same source-generated context parses them.

public sealed partial record WebhookPayload
{
    /// <summary><c>pull_request_review_comment</c> and <c>issue_comment</c>.</summary>
    public WebhookComment? Comment { get; init; }

    /// <summary><c>issue_comment</c>: the issue, or pull request, commented on.</summary>
    public WebhookIssue? Issue { get; init; }

    /// <summary><c>pull_request_review_thread</c>.</summary>
    public WebhookThread? Thread { get; init; }

    /// <summary><c>installation</c>: the repositories it covers.</summary>
    public IReadOnlyList<WebhookRepository>? Repositories { get; init; }

    /// <summary><c>installation_repositories</c>.</summary>
    public IReadOnlyList<WebhookRepository>? RepositoriesAdded { get; init; }
}

public sealed partial record WebhookInstallation
{
    public WebhookUser? Account { get; init; }

    public DateTimeOffset? SuspendedAt { get; init; }
}

public sealed partial record WebhookPullRequest
{
    public string? Body { get; init; }

    public string? AuthorAssociation { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? MergedAt { get; init; }
}

/// <summary>A review comment or a conversation comment.</summary>
public sealed record WebhookComment
{
    public long Id { get; init; }

    public long? InReplyToId { get; init; }

    public WebhookUser? User { get; init; }

    public string? Body { get; init; }

    public string? AuthorAssociation { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record WebhookIssue
{
    public int Number { get; init; }

    /// <summary>Present only when the issue is a pull request.</summary>
    public WebhookIssuePullRequest? PullRequest { get; init; }
}

public sealed record WebhookIssuePullRequest
{
    public string? Url { get; init; }
}

/// <summary>A review thread: its node id and its comments, the first one opening it.</summary>
public sealed record WebhookThread
{
    public string NodeId { get; init; } = "";

    public IReadOnlyList<WebhookComment> Comments { get; init; } = [];
}
