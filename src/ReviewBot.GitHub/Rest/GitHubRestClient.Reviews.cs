namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubRestClient
{
    /// <summary><c>GET …/pulls/{n}/reviews</c>, every page.</summary>
    public Task<GitHubResult<IReadOnlyList<PullRequestReview>>> ListReviewsAsync(GitHubCall call, RepositoryName repository, int number, CancellationToken cancellationToken) =>
        ListAllAsync(call, Path(repository, $"pulls/{number}/reviews?per_page={PerPage}"), GitHubJsonContext.Default.ListPullRequestReview, 10_000, cancellationToken);

    /// <summary><c>POST …/pulls/{n}/reviews</c>. A timeout or 5xx answers <see cref="GitHubStatus.UnknownOutcome"/>: look for the review before retrying.</summary>
    public Task<GitHubResult<PullRequestReview>> CreateReviewAsync(GitHubCall call, RepositoryName repository, int number, CreateReviewRequest review, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, Path(repository, $"pulls/{number}/reviews"), review, GitHubJsonContext.Default.CreateReviewRequest, GitHubJsonContext.Default.PullRequestReview, cancellationToken);

    /// <summary><c>DELETE …/pulls/{n}/reviews/{id}</c>: only a pending review can be deleted (a submitted one never is).</summary>
    public async Task<GitHubResult<PullRequestReview>> DeletePendingReviewAsync(GitHubCall call, RepositoryName repository, int number, long reviewId, CancellationToken cancellationToken)
    {
        // Deleting a pending review twice cannot harm: safe to retry.
        var request = new GitHubRequest { Method = HttpMethod.Delete, Path = Path(repository, $"pulls/{number}/reviews/{reviewId}"), SafeToRetry = true };
        var answer = await Connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.PullRequestReview);
    }

    /// <summary><c>POST …/pulls/{n}/reviews/{id}/events</c>: submits a pending review.</summary>
    public Task<GitHubResult<PullRequestReview>> SubmitReviewAsync(GitHubCall call, RepositoryName repository, int number, long reviewId, SubmitReviewRequest submit, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, Path(repository, $"pulls/{number}/reviews/{reviewId}/events"), submit, GitHubJsonContext.Default.SubmitReviewRequest, GitHubJsonContext.Default.PullRequestReview, cancellationToken);

    /// <summary><c>GET …/pulls/{n}/reviews/{id}/comments</c>, every page.</summary>
    public Task<GitHubResult<IReadOnlyList<PullRequestReviewComment>>> ListCommentsOfReviewAsync(GitHubCall call, RepositoryName repository, int number, long reviewId, CancellationToken cancellationToken) =>
        ListAllAsync(call, Path(repository, $"pulls/{number}/reviews/{reviewId}/comments?per_page={PerPage}"), GitHubJsonContext.Default.ListPullRequestReviewComment, 10_000, cancellationToken);

    /// <summary><c>GET …/pulls/{n}/comments</c>, every page, each with its <c>reactions</c> roll-up.</summary>
    public Task<GitHubResult<IReadOnlyList<PullRequestReviewComment>>> ListReviewCommentsAsync(GitHubCall call, RepositoryName repository, int number, CancellationToken cancellationToken, int maxItems = 10_000) =>
        ListAllAsync(call, Path(repository, $"pulls/{number}/comments?per_page={PerPage}"), GitHubJsonContext.Default.ListPullRequestReviewComment, maxItems, cancellationToken);

    /// <summary><c>POST …/pulls/{n}/comments/{id}/replies</c>: a reply in a review comment's thread.</summary>
    public Task<GitHubResult<PullRequestReviewComment>> ReplyToReviewCommentAsync(GitHubCall call, RepositoryName repository, int number, long commentId, string body, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, Path(repository, $"pulls/{number}/comments/{commentId}/replies"), new ReplyRequest { Body = body }, GitHubJsonContext.Default.ReplyRequest, GitHubJsonContext.Default.PullRequestReviewComment, cancellationToken);

    /// <summary><c>POST …/pulls/{n}/comments</c>: a line comment, a file comment (<c>subject_type: file</c>) or a reply (<c>in_reply_to</c>).</summary>
    public Task<GitHubResult<PullRequestReviewComment>> CreateReviewCommentAsync(GitHubCall call, RepositoryName repository, int number, CreateReviewCommentRequest comment, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, Path(repository, $"pulls/{number}/comments"), comment, GitHubJsonContext.Default.CreateReviewCommentRequest, GitHubJsonContext.Default.PullRequestReviewComment, cancellationToken);

    /// <summary>A comment on a whole file of the pull request at <paramref name="commitId"/>.</summary>
    public Task<GitHubResult<PullRequestReviewComment>> CreateFileCommentAsync(GitHubCall call, RepositoryName repository, int number, string commitId, string path, string body, CancellationToken cancellationToken) =>
        CreateReviewCommentAsync(call, repository, number, new CreateReviewCommentRequest { Body = body, CommitId = commitId, Path = path, SubjectType = "file" }, cancellationToken);
}
