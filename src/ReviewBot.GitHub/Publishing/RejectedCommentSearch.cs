using Microsoft.Extensions.Logging;
using ReviewBot.Core.Pipeline;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Publishing;

/// <summary>
/// Finds the comments GitHub refuses when its 422 does not say which (its errors name no index). Probes are
/// <em>pending</em> reviews (no <c>event</c>): visible to ReviewBot alone, never submitted, deleted right after
/// GitHub accepts them. A 422 creates nothing. So bisection costs at most
/// <c>GitHub:MaxBisectionProbes</c> probes (each a create and a delete) and never shows anyone a second review;
/// whatever stays undecided when the budget runs out counts as refused and goes into the review body.
/// </summary>
internal sealed partial class RejectedCommentSearch(
    GitHubRestClient client,
    GitHubCall call,
    RepositoryName repository,
    int number,
    string headSha,
    int probeBudget,
    Func<PullRequestReview, bool> isOurs,
    ILogger logger)
{
    private readonly List<(ReviewComment Comment, DraftReviewComment Draft)> _accepted = [];
    private readonly List<(ReviewComment Comment, DraftReviewComment Draft)> _refused = [];
    private int _probesLeft = probeBudget;
    private int _probesUsed;
    private bool _aborted;

    public int ProbesUsed => _probesUsed;

    /// <summary>Splits <paramref name="comments"/> (known, as a whole, to be refused) into accepted and refused.</summary>
    public async Task<(IReadOnlyList<(ReviewComment Comment, DraftReviewComment Draft)> Accepted, IReadOnlyList<(ReviewComment Comment, DraftReviewComment Draft)> Refused)> SplitAsync(
        IReadOnlyList<(ReviewComment Comment, DraftReviewComment Draft)> comments, CancellationToken cancellationToken)
    {
        await SearchAsync([.. comments], knownRefused: true, cancellationToken).ConfigureAwait(false);
        return (_accepted, _refused);
    }

    private async Task SearchAsync(List<(ReviewComment Comment, DraftReviewComment Draft)> set, bool knownRefused, CancellationToken cancellationToken)
    {
        if (set.Count == 0)
        {
            return;
        }

        if (!knownRefused)
        {
            if (_aborted || _probesLeft == 0)
            {
                _refused.AddRange(set);
                return;
            }

            var verdict = await ProbeAsync(set, cancellationToken).ConfigureAwait(false);
            if (verdict == Verdict.Accepted)
            {
                _accepted.AddRange(set);
                return;
            }

            if (verdict == Verdict.Unknown)
            {
                _aborted = true;
                _refused.AddRange(set);
                return;
            }
        }

        if (set.Count == 1)
        {
            _refused.Add(set[0]);
            return;
        }

        var half = set.Count / 2;
        var acceptedBefore = _accepted.Count;
        await SearchAsync(set[..half], knownRefused: false, cancellationToken).ConfigureAwait(false);

        // The whole set was refused; if its first half was accepted in full, the fault is in the second half.
        var firstHalfAccepted = _accepted.Count - acceptedBefore == half;
        await SearchAsync(set[half..], knownRefused: firstHalfAccepted, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Verdict> ProbeAsync(List<(ReviewComment Comment, DraftReviewComment Draft)> set, CancellationToken cancellationToken)
    {
        _probesLeft--;
        _probesUsed++;
        var probe = new CreateReviewRequest
        {
            CommitId = headSha,
            Body = ReviewMarkers.Probe(headSha),
            Comments = [.. set.Select(static s => s.Draft)],
        };
        var created = await client.CreateReviewAsync(call, repository, number, probe, cancellationToken).ConfigureAwait(false);
        Log.Probe(logger, set.Count, created.Status);
        switch (created.Status)
        {
            case GitHubStatus.Ok:
                var deleted = await client.DeletePendingReviewAsync(call, repository, number, created.Value!.Id, cancellationToken).ConfigureAwait(false);
                if (!deleted.IsOk && deleted.Status != GitHubStatus.NotFound)
                {
                    // A pending review left behind would make the next probe fail for the wrong reason.
                    _aborted = true;
                }

                return Verdict.Accepted;
            case GitHubStatus.Unprocessable when !(created.Error?.Describe().Contains("pending review", StringComparison.OrdinalIgnoreCase) ?? false):
                return Verdict.Refused;
            case GitHubStatus.UnknownOutcome:
                await DeletePendingProbesAsync(cancellationToken).ConfigureAwait(false);
                return Verdict.Unknown;
            default:
                return Verdict.Unknown;
        }
    }

    /// <summary>Deletes any pending probe of ours left on the pull request (after a crash or a timed-out probe).</summary>
    public async Task DeletePendingProbesAsync(CancellationToken cancellationToken)
    {
        var reviews = await client.ListReviewsAsync(call, repository, number, cancellationToken).ConfigureAwait(false);
        foreach (var review in reviews.Value ?? [])
        {
            if (review.State == "PENDING" && isOurs(review))
            {
                await client.DeletePendingReviewAsync(call, repository, number, review.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private enum Verdict
    {
        Accepted,
        Refused,
        Unknown,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2210, Level = LogLevel.Debug, Message = "Pending-review probe of {Count} comment(s): {Status}")]
        public static partial void Probe(ILogger logger, int count, GitHubStatus status);
    }
}
