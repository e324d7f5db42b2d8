namespace ReviewBot.GitHub.Rest;

/// <summary>One page of a list, as a conditional GET returned it.</summary>
/// <param name="Items">The page's items.</param>
/// <param name="NextPage">The next page's link (<c>Link: rel="next"</c>), or null on the last page.</param>
public sealed record GitHubPage<T>(IReadOnlyList<T> Items, Uri? NextPage);

public sealed partial class GitHubRestClient
{
    /// <summary>
    /// One page of <c>GET …/pulls/{n}/comments</c> (with each comment's <c>reactions</c> roll-up), sent with
    /// <c>If-None-Match</c>: <see cref="GitHubStatus.NotModified"/> when the page is unchanged since
    /// <paramref name="etag"/> (free of rate limit). <paramref name="page"/> null means the first page.
    /// </summary>
    public async Task<GitHubResult<GitHubPage<PullRequestReviewComment>>> ListReviewCommentsPageAsync(
        GitHubCall call, RepositoryName repository, int number, Uri? page, string? etag, CancellationToken cancellationToken)
    {
        var request = page is null
            ? new GitHubRequest { Method = HttpMethod.Get, Path = Path(repository, $"pulls/{number}/comments?per_page={PerPage}"), IfNoneMatch = etag }
            : new GitHubRequest { Method = HttpMethod.Get, AbsoluteUri = page, IfNoneMatch = etag };
        var answer = await connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        var items = GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.ListPullRequestReviewComment);
        return items.IsOk
            ? GitHubResult.Ok(new GitHubPage<PullRequestReviewComment>(items.Value!, answer.Value!.NextPage), answer.HttpStatus, answer.Value.ETag)
            : items.As<GitHubPage<PullRequestReviewComment>>();
    }

    /// <summary>The URL of page <paramref name="page"/> (1-based) of a pull request's review comments.</summary>
    public Uri ReviewCommentsPageUri(RepositoryName repository, int number, int page) =>
        new(connection.ApiRoot, Path(repository, $"pulls/{number}/comments?per_page={PerPage}&page={page}"));
}
