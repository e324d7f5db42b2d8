using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// Stands in for GitHub when a benchmark drains the queue: every pull request is the same generated C# change, served
/// at once, so the figure is ReviewBot's own work per job (queue, critic, search, storage), not GitHub's latency.
/// </summary>
internal sealed class SyntheticPullRequestSource(int addedLines) : IPullRequestSource
{
    private readonly byte[] _patch = SyntheticChange.Patch(addedLines);

    public Task<PullRequestFetchResult> FetchAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Task.FromResult(PullRequestFetchResult.Success(new ChangeContext
        {
            // Parsed per job, as a fetched diff would be, so nothing cached for one job's diff serves the next.
            Diff = UnifiedDiffParser.Parse(_patch).GetDiffOrThrow(),
            PullRequest = new PullRequestInfo { Repository = target.Repository, Number = target.PullNumber, HeadSha = target.HeadSha, Title = "Synthetic change" },
        }));
    }
}
