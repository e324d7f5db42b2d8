namespace ReviewBot.GitHub.Rest;

/// <summary><c>POST /app/installations/{id}/access_tokens</c>. The token's length is not fixed: never assume it.</summary>
public sealed record InstallationToken
{
    public string Token { get; init; } = "";

    public DateTimeOffset ExpiresAt { get; init; }

    public IReadOnlyDictionary<string, string>? Permissions { get; init; }

    public string? RepositorySelection { get; init; }
}

/// <summary><c>GET /repos/{owner}/{repo}/installation</c>.</summary>
public sealed record Installation
{
    public long Id { get; init; }

    public long? AppId { get; init; }

    public GitHubUser? Account { get; init; }

    public DateTimeOffset? SuspendedAt { get; init; }
}

public sealed record CheckRunOutput
{
    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Text { get; init; }

    public int? AnnotationsCount { get; init; }
}

public sealed record CheckRun
{
    public long Id { get; init; }

    public string HeadSha { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary><c>queued in_progress completed</c> (and a few more).</summary>
    public string Status { get; init; } = "";

    public string? Conclusion { get; init; }

    public string? ExternalId { get; init; }

    public string? DetailsUrl { get; init; }

    public string? HtmlUrl { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public CheckRunOutput? Output { get; init; }
}

/// <summary>The body of <c>POST /repos/{owner}/{repo}/check-runs</c> and of its <c>PATCH</c> (where every field is optional).</summary>
public sealed record CheckRunRequest
{
    public string? Name { get; init; }

    public string? HeadSha { get; init; }

    public string? Status { get; init; }

    /// <summary>Required with <c>status: completed</c>: <c>success failure neutral cancelled skipped timed_out action_required</c>.</summary>
    public string? Conclusion { get; init; }

    public string? ExternalId { get; init; }

    public string? DetailsUrl { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public CheckRunOutput? Output { get; init; }
}
