using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Sources;

/// <summary>
/// Fetches a pull request for review: checks it is still open at the head SHA asked for, reads its diff (the
/// <c>.diff</c> media type; the files API when GitHub says the diff is too large), keeps the files worth reading
/// within the size budget, gives whole files lazily and, on a later push, works out what changed since the last review. Works without credentials (public repositories, the
/// simulator). Every expected failure is a <see cref="PullRequestFetchResult"/>, never an exception.
/// </summary>
public sealed partial class GitHubPullRequestSource(GitHubRestClient client, IOptions<GitHubOptions> options, ILogger<GitHubPullRequestSource> logger) : IPullRequestSource
{
    public async Task<PullRequestFetchResult> FetchAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!RepositoryName.TryParse(target.Repository, out var repository))
        {
            return PullRequestFetchResult.Failed(FetchFailure.Invalid, $"'{target.Repository}' is not an owner/name repository");
        }

        var call = new GitHubCall(target.InstallationId, target.DeliveryId);
        var got = await client.GetPullRequestAsync(call, repository, target.PullNumber, cancellationToken).ConfigureAwait(false);
        if (!got.IsOk)
        {
            return Failed(got, "pull request");
        }

        var pr = got.Value!;
        if (!pr.IsOpen)
        {
            return PullRequestFetchResult.Failed(FetchFailure.Stale, pr.IsMerged ? "the pull request was merged" : "the pull request was closed");
        }

        if (!string.Equals(pr.Head.Sha, target.HeadSha, StringComparison.OrdinalIgnoreCase))
        {
            return PullRequestFetchResult.Failed(FetchFailure.Stale, $"the head moved from {Short(target.HeadSha)} to {Short(pr.Head.Sha)}; the new head gets its own review")
                with { CurrentHeadSha = pr.Head.Sha };
        }

        var diff = await PullRequestDiffReader.ReadAsync(client, call, repository, target.PullNumber, logger, cancellationToken).ConfigureAwait(false);
        if (!diff.IsOk)
        {
            return PullRequestFetchResult.Failed(Classify(diff.Status), diff.Error ?? "diff unavailable");
        }

        var settings = options.Value;
        var (kept, skipped) = FileTriage.Apply(diff.Diff!, settings.MaxFiles, settings.MaxChangedLines);
        if (skipped.Count > 0)
        {
            Log.Skipped(logger, skipped.Count, diff.Diff!.Files.Count);
        }

        var files = new GitHubFileSource(client, call, repository, pr.Base.Sha, pr.Head.Sha, diff.Diff!, settings.MaxFileBytes);
        var increment = target.ReviewedBefore is { Length: > 0 } since && !string.Equals(since, pr.Head.Sha, StringComparison.OrdinalIgnoreCase)
            ? await ReviewIncrementBuilder.BuildAsync(kept, files, since, cancellationToken).ConfigureAwait(false)
            : null;
        return PullRequestFetchResult.Success(new ChangeContext
        {
            Diff = kept,
            Skipped = skipped,
            Increment = increment,
            PullRequest = new PullRequestInfo
            {
                Repository = repository.ToString(),
                Number = pr.Number,
                HeadSha = pr.Head.Sha,
                BaseSha = pr.Base.Sha,
                Title = pr.Title,
                Body = pr.Body,
                Author = pr.User?.Login,
                IsDraft = pr.Draft,
                Labels = [.. pr.Labels.Select(static l => l.Name)],
            },
            Files = files,
        });
    }

    private static PullRequestFetchResult Failed<T>(GitHubResult<T> result, string what) =>
        PullRequestFetchResult.Failed(Classify(result.Status), $"{what}: {result.Describe()}");

    internal static FetchFailure Classify(GitHubStatus status) => status switch
    {
        GitHubStatus.NotFound or GitHubStatus.Gone => FetchFailure.Gone,

        // 401/403 here: the installation was suspended or removed, or lost access to the repository.
        GitHubStatus.Forbidden or GitHubStatus.Unauthorized => FetchFailure.Gone,
        GitHubStatus.Transient or GitHubStatus.RateLimited or GitHubStatus.UnknownOutcome => FetchFailure.Transient,
        _ => FetchFailure.Invalid,
    };

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "{Skipped} of {Files} file(s) left out of the review (binary, generated, vendored or over budget)")]
        public static partial void Skipped(ILogger logger, int skipped, int files);
    }
}
