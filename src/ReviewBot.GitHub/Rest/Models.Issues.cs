namespace ReviewBot.GitHub.Rest;

/// <summary>A comment in a pull request's (or issue's) conversation.</summary>
public sealed record IssueComment
{
    public long Id { get; init; }

    public GitHubUser? User { get; init; }

    public string Body { get; init; } = "";

    public string? HtmlUrl { get; init; }

    public string? AuthorAssociation { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The body of <c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>.</summary>
public sealed record CreateIssueCommentRequest(string Body);

/// <summary>The body of <c>POST …/issues/comments/{id}/reactions</c>.</summary>
public sealed record CreateReactionRequest(string Content);

/// <summary><c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c>.</summary>
public sealed record CollaboratorAccess
{
    /// <summary>The legacy level: <c>admin</c>, <c>write</c>, <c>read</c> or <c>none</c> (maintain counts as write, triage as read).</summary>
    public string Permission { get; init; } = "";

    /// <summary>The role, including custom ones: <c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c>, <c>read</c>, ….</summary>
    public string? RoleName { get; init; }

    public GitHubUser? User { get; init; }

    /// <summary>True for admin, maintain and write: who may push, and so may steer ReviewBot on a pull request.</summary>
    public bool CanWrite =>
        Permission is "admin" or "write" || RoleName is "admin" or "maintain" or "write";
}
