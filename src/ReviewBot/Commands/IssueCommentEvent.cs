using System.Text.Json.Serialization;
using ReviewBot.Webhooks;

namespace ReviewBot.Commands;

/// <summary>The fields of an <c>issue_comment</c> delivery that commands read.</summary>
public sealed record IssueCommentEvent
{
    public string? Action { get; init; }

    public IssueCommentIssue? Issue { get; init; }

    public IssueCommentBody? Comment { get; init; }
}

public sealed record IssueCommentIssue
{
    public int Number { get; init; }

    /// <summary>Present only when the issue is a pull request.</summary>
    public IssueCommentPullRequestLink? PullRequest { get; init; }
}

public sealed record IssueCommentPullRequestLink(string? Url);

public sealed record IssueCommentBody
{
    public long Id { get; init; }

    public string? Body { get; init; }

    public WebhookUser? User { get; init; }
}

/// <summary>GitHub's webhook wire format (snake_case), for the commands' part of it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IssueCommentEvent))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
