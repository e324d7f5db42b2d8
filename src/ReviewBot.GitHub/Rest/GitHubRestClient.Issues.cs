namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubRestClient
{
    /// <summary><c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>: a comment in a pull request's conversation.</summary>
    public Task<GitHubResult<IssueComment>> CreateIssueCommentAsync(GitHubCall call, RepositoryName repository, int number, string body, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, Path(repository, $"issues/{number}/comments"), new CreateIssueCommentRequest(body), GitHubJsonContext.Default.CreateIssueCommentRequest, GitHubJsonContext.Default.IssueComment, cancellationToken);

    /// <summary>
    /// <c>POST …/issues/comments/{id}/reactions</c>. Reacting twice with the same content is harmless (GitHub answers
    /// 200 with the existing reaction), so it is safe to retry.
    /// </summary>
    public async Task<GitHubResult<Reaction>> CreateIssueCommentReactionAsync(GitHubCall call, RepositoryName repository, long commentId, string content, CancellationToken cancellationToken)
    {
        var request = new GitHubRequest
        {
            Method = HttpMethod.Post,
            Path = Path(repository, $"issues/comments/{commentId}/reactions"),
            Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new CreateReactionRequest(content), GitHubJsonContext.Default.CreateReactionRequest),
            SafeToRetry = true,
        };
        var answer = await Connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.Reaction);
    }

    /// <summary><c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c>: what <paramref name="username"/> may do in the repository.</summary>
    public async Task<GitHubResult<CollaboratorAccess>> GetCollaboratorPermissionAsync(GitHubCall call, RepositoryName repository, string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var answer = await GetAsync(call, $"{repository.Path}/collaborators/{Uri.EscapeDataString(username)}/permission", GitHubRequest.JsonMediaType, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.CollaboratorAccess);
    }
}
