using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewBot.GitHub.Rest;

public sealed record PullRequestReview
{
    public long Id { get; init; }

    public GitHubUser? User { get; init; }

    public string? Body { get; init; }

    /// <summary><c>PENDING COMMENTED APPROVED CHANGES_REQUESTED DISMISSED</c>.</summary>
    public string State { get; init; } = "";

    public string? CommitId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public string? HtmlUrl { get; init; }

    public string? AuthorAssociation { get; init; }
}

/// <summary>The body of <c>POST …/pulls/{n}/reviews</c>.</summary>
public sealed record CreateReviewRequest
{
    public string? CommitId { get; init; }

    public string? Body { get; init; }

    /// <summary><c>COMMENT</c> (ReviewBot's only choice), <c>APPROVE</c>, <c>REQUEST_CHANGES</c>; null leaves the review pending.</summary>
    public string? Event { get; init; }

    public IReadOnlyList<DraftReviewComment>? Comments { get; init; }
}

/// <summary>One comment of a review being created.</summary>
public sealed record DraftReviewComment
{
    public required string Path { get; init; }

    public required string Body { get; init; }

    public int? Line { get; init; }

    /// <summary><c>RIGHT</c> (new side) or <c>LEFT</c> (old side).</summary>
    public string? Side { get; init; }

    public int? StartLine { get; init; }

    public string? StartSide { get; init; }
}

/// <summary>A comment on a pull request's diff, with the reactions roll-up GitHub embeds.</summary>
public sealed record PullRequestReviewComment
{
    public long Id { get; init; }

    public long? PullRequestReviewId { get; init; }

    public long? InReplyToId { get; init; }

    public GitHubUser? User { get; init; }

    public string Body { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>Null once the line is outdated by a later push.</summary>
    public int? Line { get; init; }

    public int? OriginalLine { get; init; }

    public int? StartLine { get; init; }

    public string? Side { get; init; }

    public string? CommitId { get; init; }

    public string? OriginalCommitId { get; init; }

    /// <summary><c>line</c> or <c>file</c>.</summary>
    public string? SubjectType { get; init; }

    public string? DiffHunk { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? HtmlUrl { get; init; }

    public string? AuthorAssociation { get; init; }

    public ReactionRollup? Reactions { get; init; }
}

/// <summary>Reaction counts embedded in comment objects.</summary>
public sealed record ReactionRollup
{
    public string? Url { get; init; }

    public int TotalCount { get; init; }

    [JsonPropertyName("+1")]
    public int PlusOne { get; init; }

    [JsonPropertyName("-1")]
    public int MinusOne { get; init; }

    public int Laugh { get; init; }

    public int Confused { get; init; }

    public int Heart { get; init; }

    public int Hooray { get; init; }

    public int Rocket { get; init; }

    public int Eyes { get; init; }
}

/// <summary>The body of <c>POST …/pulls/{n}/comments</c>: a line or file comment, or a reply (<see cref="InReplyTo"/>).</summary>
public sealed record CreateReviewCommentRequest
{
    public required string Body { get; init; }

    public string? CommitId { get; init; }

    public string? Path { get; init; }

    public int? Line { get; init; }

    public string? Side { get; init; }

    public int? StartLine { get; init; }

    public string? StartSide { get; init; }

    /// <summary><c>file</c> for a comment on the whole file.</summary>
    public string? SubjectType { get; init; }

    public long? InReplyTo { get; init; }
}

/// <summary>The body of <c>POST …/pulls/{n}/comments/{id}/replies</c>.</summary>
public sealed record ReplyRequest
{
    public required string Body { get; init; }
}

public sealed record Reaction
{
    public long Id { get; init; }

    public GitHubUser? User { get; init; }

    /// <summary><c>+1 -1 laugh confused heart hooray rocket eyes</c>.</summary>
    public string Content { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>GitHub's error body (<c>basic-error</c>, <c>validation-error</c>, <c>validation-error-simple</c>).</summary>
public sealed record GitHubError
{
    public string? Message { get; init; }

    public string? DocumentationUrl { get; init; }

    public string? Status { get; init; }

    /// <summary>Strings (<c>validation-error-simple</c>) or objects with <c>resource/field/code/message</c>.</summary>
    public IReadOnlyList<JsonElement>? Errors { get; init; }

    /// <summary>The message and every error, flattened for logs and 422 handling.</summary>
    public string Describe()
    {
        var details = (Errors ?? []).Select(static e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Object when e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String => m.GetString(),
            JsonValueKind.Object when e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String => c.GetString(),
            _ => e.GetRawText(),
        }).Where(static d => !string.IsNullOrEmpty(d));
        var all = string.Join("; ", details);
        return string.IsNullOrEmpty(all) ? Message ?? "" : $"{Message}: {all}";
    }
}
