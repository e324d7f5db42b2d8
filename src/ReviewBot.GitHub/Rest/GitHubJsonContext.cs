using System.Text.Json.Serialization;

namespace ReviewBot.GitHub.Rest;

/// <summary>The one source-generated serializer context for GitHub's REST wire format (snake_case, nulls omitted on write).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(List<DiffEntry>))]
[JsonSerializable(typeof(ContentFile))]
[JsonSerializable(typeof(PullRequestReview))]
[JsonSerializable(typeof(List<PullRequestReview>))]
[JsonSerializable(typeof(CreateReviewRequest))]
[JsonSerializable(typeof(PullRequestReviewComment))]
[JsonSerializable(typeof(List<PullRequestReviewComment>))]
[JsonSerializable(typeof(CreateReviewCommentRequest))]
[JsonSerializable(typeof(ReplyRequest))]
[JsonSerializable(typeof(List<Reaction>))]
[JsonSerializable(typeof(GitHubError))]
[JsonSerializable(typeof(InstallationToken))]
[JsonSerializable(typeof(Installation))]
[JsonSerializable(typeof(CheckRun))]
[JsonSerializable(typeof(CheckRunRequest))]
[JsonSerializable(typeof(SubmitReviewRequest))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(CreateIssueCommentRequest))]
[JsonSerializable(typeof(CreateReactionRequest))]
[JsonSerializable(typeof(Reaction))]
[JsonSerializable(typeof(CollaboratorAccess))]
public sealed partial class GitHubJsonContext : JsonSerializerContext;

/// <summary>The body of <c>POST …/pulls/{n}/reviews/{id}/events</c>.</summary>
public sealed record SubmitReviewRequest(string Event, string? Body);
