using System.Globalization;
using Microsoft.Extensions.Options;
using ReviewBot.Data.Feedback;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.Jobs.Feedback;

/// <summary>How one poll pass went.</summary>
public sealed record FeedbackPollResult
{
    public int PullRequests { get; init; }

    /// <summary>Answers with a body (they count against the rate limit).</summary>
    public int Fetched { get; init; }

    /// <summary>304 answers (free).</summary>
    public int NotModified { get; init; }

    /// <summary>Feedback events appended (reactions added or removed, replies, code changes).</summary>
    public int Events { get; init; }

    /// <summary>Pull requests whose pass failed for another reason than the rate limit (logged; tried again next pass).</summary>
    public int Failures { get; init; }

    /// <summary>GitHub's rate limit stopped the pass; the rest waits for the next one.</summary>
    public bool RateLimited { get; init; }
}

/// <summary>
/// One pass of the reaction poll (GitHub sends no webhook for reactions). Per pull request with ReviewBot comments
/// posted within <see cref="FeedbackOptions.PollWindow"/>: each page of <c>GET …/pulls/{n}/comments</c> with its
/// stored ETag (a 304 is free), reaction lists fetched (also conditionally) only for comments whose embedded counts
/// changed, the lists diffed into added/removed events; replies seen in the listing are recorded in case a webhook
/// was missed; and when the pull request has a new head, each comment's quote is looked for in the file at that head,
/// its absence recorded as "code changed". A rate limit ends the pass; the next pass resumes, least recently polled first.
/// </summary>
public sealed partial class FeedbackPoller(
    GitHubRestClient github,
    FeedbackPollStore poll,
    FeedbackStore store,
    BotIdentity bots,
    IOptionsMonitor<FeedbackOptions> options,
    TimeProvider timeProvider,
    ILogger<FeedbackPoller> logger)
{
    public async Task<FeedbackPollResult> RunPassAsync(string? repository, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var targets = await poll.ListTargetsAsync(timeProvider.GetUtcNow() - settings.PollWindow, repository, settings.MaxPullRequestsPerPass, cancellationToken).ConfigureAwait(false);
        var pass = new Counters();
        foreach (var target in targets)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Repository"] = target.Repository, ["PullNumber"] = target.PullNumber });
            var outcome = await PollAsync(target, pass, cancellationToken).ConfigureAwait(false);
            if (outcome == GitHubStatus.RateLimited)
            {
                Log.RateLimited(logger, pass.PullRequests, targets.Count);
                return pass.Result(rateLimited: true);
            }

            if (outcome == GitHubStatus.Ok)
            {
                await poll.MarkPolledAsync(target.Repository, target.PullNumber, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                pass.Failures++;
                Log.Failed(logger, outcome);
            }

            pass.PullRequests++;
        }

        var result = pass.Result(rateLimited: false);
        Log.Pass(logger, result.PullRequests, result.Fetched, result.NotModified, result.Events);
        return result;
    }

    private async Task<GitHubStatus> PollAsync(PollTarget target, Counters pass, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(target.Repository, out var repository))
        {
            return GitHubStatus.Failed;
        }

        var call = new GitHubCall(target.InstallationId);
        var ours = (await poll.ListCommentsAsync(target.Repository, target.PullNumber, cancellationToken).ConfigureAwait(false)).ToDictionary(static c => c.CommentId);
        var status = await PollCommentsAsync(target, repository, call, ours, pass, cancellationToken).ConfigureAwait(false);
        if (status != GitHubStatus.Ok)
        {
            return status;
        }

        return await new CodeChangeCheck(github, poll, call, repository, target, timeProvider).RunAsync(ours.Values, pass, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GitHubStatus> PollCommentsAsync(
        PollTarget target, RepositoryName repository, GitHubCall call, Dictionary<long, PolledComment> ours, Counters pass, CancellationToken cancellationToken)
    {
        Uri? page = null;
        for (var index = 1; ; index++)
        {
            var resource = string.Create(CultureInfo.InvariantCulture, $"pulls/{target.Repository}#{target.PullNumber}/comments/{index}");
            var stored = await poll.GetEtagAsync(resource, cancellationToken).ConfigureAwait(false);
            var answer = await github.ListReviewCommentsPageAsync(call, repository, target.PullNumber, page, stored?.ETag, cancellationToken).ConfigureAwait(false);
            Uri? next;
            if (answer.Status == GitHubStatus.NotModified)
            {
                pass.NotModified++;
                next = stored?.NextUri is { } uri ? new Uri(uri)
                    : stored?.Items == GitHubRestClient.PerPage ? github.ReviewCommentsPageUri(repository, target.PullNumber, index + 1)
                    : null;
            }
            else if (answer.IsOk)
            {
                pass.Fetched++;
                var status = await ProcessPageAsync(target, repository, call, ours, answer.Value!.Items, pass, cancellationToken).ConfigureAwait(false);
                if (status != GitHubStatus.Ok)
                {
                    return status;
                }

                next = answer.Value.NextPage;
                await poll.SetEtagAsync(resource, new StoredEtag(answer.ETag, next?.ToString(), answer.Value.Items.Count), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                return answer.Status;
            }

            if (next is null)
            {
                return GitHubStatus.Ok;
            }

            page = next;
        }
    }

    private async Task<GitHubStatus> ProcessPageAsync(
        PollTarget target, RepositoryName repository, GitHubCall call, Dictionary<long, PolledComment> ours, IReadOnlyList<PullRequestReviewComment> comments, Counters pass, CancellationToken cancellationToken)
    {
        await store.LearnAssociationsAsync(target.Repository, comments
            .Where(c => c.User is { } user && !bots.IsBot(user.Login, user.Type) && c.AuthorAssociation is { Length: > 0 })
            .Select(static c => (c.User!.Login, c.AuthorAssociation!)), cancellationToken).ConfigureAwait(false);

        var replies = comments
            .Where(c => c.InReplyToId is { } parent && ours.ContainsKey(parent) && c.User is { } user && !bots.IsBot(user.Login, user.Type))
            .SelectMany(c => FeedbackEventFactory.Reply(target.Repository, target.PullNumber, c.InReplyToId!.Value, c.Id, c.User!.Login, c.AuthorAssociation, c.Body, c.CreatedAt, c.UpdatedAt, deliveryId: null))
            .ToList();
        pass.Events += await store.RecordAsync(replies, cancellationToken).ConfigureAwait(false);

        foreach (var comment in comments)
        {
            if (!ours.TryGetValue(comment.Id, out var known))
            {
                continue;
            }

            var counts = ReactionCounts.Format(comment.Reactions);
            if (string.Equals(counts, known.ReactionCounts ?? ReactionCounts.None, StringComparison.Ordinal))
            {
                continue;
            }

            var status = await PollReactionsAsync(target, repository, call, known, counts, pass, cancellationToken).ConfigureAwait(false);
            if (status != GitHubStatus.Ok)
            {
                return status;
            }
        }

        return GitHubStatus.Ok;
    }

    private async Task<GitHubStatus> PollReactionsAsync(
        PollTarget target, RepositoryName repository, GitHubCall call, PolledComment comment, string counts, Counters pass, CancellationToken cancellationToken)
    {
        var answer = await github.ListReviewCommentReactionsAsync(call, repository, comment.CommentId, comment.ReactionsEtag, cancellationToken).ConfigureAwait(false);
        var before = await poll.ListReactionsAsync(comment.CommentId, cancellationToken).ConfigureAwait(false);
        if (answer.Status == GitHubStatus.NotModified)
        {
            pass.NotModified++;
            await poll.SaveReactionsAsync(target.Repository, target.PullNumber, comment.CommentId, counts, comment.ReactionsEtag, before, [], cancellationToken).ConfigureAwait(false);
            return GitHubStatus.Ok;
        }

        if (!answer.IsOk)
        {
            return answer.Status;
        }

        pass.Fetched++;
        List<StoredReaction> now = [.. answer.Value!.Select(static r => new StoredReaction(r.Id, r.User?.Login ?? "", r.Content, r.CreatedAt))];
        var changes = new List<FeedbackEvent>();
        var previous = before.Select(static r => r.ReactionId).ToHashSet();
        var current = now.Select(static r => r.ReactionId).ToHashSet();
        foreach (var added in now.Where(r => !previous.Contains(r.ReactionId) && !bots.IsBot(r.Login, TypeOf(answer.Value!, r.ReactionId))).OrderBy(static r => r.CreatedAt).ThenBy(static r => r.ReactionId))
        {
            var association = await store.FindAssociationAsync(target.Repository, added.Login, cancellationToken).ConfigureAwait(false);
            changes.Add(FeedbackEventFactory.Reaction(target, comment.CommentId, added, association, removedAt: null));
        }

        foreach (var removed in before.Where(r => !current.Contains(r.ReactionId) && !bots.IsBot(r.Login)))
        {
            var association = await store.FindAssociationAsync(target.Repository, removed.Login, cancellationToken).ConfigureAwait(false);
            changes.Add(FeedbackEventFactory.Reaction(target, comment.CommentId, removed, association, removedAt: timeProvider.GetUtcNow()));
        }

        await poll.SaveReactionsAsync(target.Repository, target.PullNumber, comment.CommentId, counts, answer.ETag, now, changes, cancellationToken).ConfigureAwait(false);
        pass.Events += changes.Count;
        return GitHubStatus.Ok;
    }

    private static string? TypeOf(IReadOnlyList<Reaction> reactions, long id) => reactions.FirstOrDefault(r => r.Id == id)?.User?.Type;

    /// <summary>Mutable tallies of one pass.</summary>
    internal sealed class Counters
    {
        public int PullRequests { get; set; }

        public int Fetched { get; set; }

        public int NotModified { get; set; }

        public int Events { get; set; }

        public int Failures { get; set; }

        public FeedbackPollResult Result(bool rateLimited) => new()
        {
            PullRequests = PullRequests,
            Fetched = Fetched,
            NotModified = NotModified,
            Events = Events,
            Failures = Failures,
            RateLimited = rateLimited,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Feedback poll: {PullRequests} pull request(s), {Fetched} fetched, {NotModified} not modified, {Events} new event(s)")]
        public static partial void Pass(ILogger logger, int pullRequests, int fetched, int notModified, int events);

        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Feedback poll stopped by GitHub's rate limit after {Done} of {Total} pull request(s); the next pass resumes")]
        public static partial void RateLimited(ILogger logger, int done, int total);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Feedback poll of a pull request failed ({Status}); it is tried again next pass")]
        public static partial void Failed(ILogger logger, GitHubStatus status);
    }
}
