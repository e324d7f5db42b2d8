namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubRestClient
{
    /// <summary>
    /// <c>GET …/pulls/comments/{id}/reactions</c> with <c>If-None-Match</c>: <see cref="GitHubStatus.NotModified"/>
    /// when nothing changed since <paramref name="etag"/> (free of rate limit), else the reactions and a new ETag.
    /// </summary>
    public Task<GitHubResult<IReadOnlyList<Reaction>>> ListReviewCommentReactionsAsync(GitHubCall call, RepositoryName repository, long commentId, string? etag, CancellationToken cancellationToken) =>
        ListReactionsAsync(call, Path(repository, $"pulls/comments/{commentId}/reactions?per_page={PerPage}"), etag, cancellationToken);

    /// <summary><c>GET …/issues/comments/{id}/reactions</c> with <c>If-None-Match</c>, as for review comments.</summary>
    public Task<GitHubResult<IReadOnlyList<Reaction>>> ListIssueCommentReactionsAsync(GitHubCall call, RepositoryName repository, long commentId, string? etag, CancellationToken cancellationToken) =>
        ListReactionsAsync(call, Path(repository, $"issues/comments/{commentId}/reactions?per_page={PerPage}"), etag, cancellationToken);

    private async Task<GitHubResult<IReadOnlyList<Reaction>>> ListReactionsAsync(GitHubCall call, string path, string? etag, CancellationToken cancellationToken)
    {
        // The ETag is the first page's: a new reaction changes the first page's answer too.
        var first = await GetAsync(call, path, GitHubRequest.JsonMediaType, cancellationToken, etag).ConfigureAwait(false);
        var page = GitHubConnection.Deserialize(first, GitHubJsonContext.Default.ListReaction);
        if (!page.IsOk)
        {
            return page.As<IReadOnlyList<Reaction>>();
        }

        var reactions = new List<Reaction>(page.Value!);
        var next = first.Value!.NextPage;
        while (next is not null && reactions.Count < 10_000)
        {
            var answer = await Connection.SendAsync(new GitHubRequest { Method = HttpMethod.Get, AbsoluteUri = next }, call, cancellationToken).ConfigureAwait(false);
            var more = GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.ListReaction);
            if (!more.IsOk)
            {
                return more.As<IReadOnlyList<Reaction>>();
            }

            reactions.AddRange(more.Value!);
            next = answer.Value!.NextPage;
        }

        return GitHubResult.Ok<IReadOnlyList<Reaction>>(reactions, first.HttpStatus, first.ETag);
    }
}
