using System.Text;
using ReviewBot.Core.Diffs;
using ReviewBot.Data.Feedback;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.Jobs.Feedback;

/// <summary>
/// Did the code a comment flagged change at the pull request's latest head? The file at that head is fetched
/// (once per path) and the comment's quote looked for in it with <see cref="QuoteLocator"/>, the same tolerant
/// match (trimmed lines) that places comments: gone, or the file gone, means the code changed. Each comment is
/// checked once per head; a comment found changed is not checked again.
/// </summary>
internal sealed class CodeChangeCheck(GitHubRestClient github, FeedbackPollStore poll, GitHubCall call, RepositoryName repository, PollTarget target, TimeProvider timeProvider)
{
    private const long MaxFileBytes = 2 * 1024 * 1024;
    private readonly Dictionary<string, DiffFile?> _files = new(StringComparer.Ordinal);

    public async Task<GitHubStatus> RunAsync(IEnumerable<PolledComment> comments, FeedbackPoller.Counters pass, CancellationToken cancellationToken)
    {
        if (target.HeadSha is not { Length: > 0 } head)
        {
            return GitHubStatus.Ok;
        }

        // A quote with a masked secret in it cannot be found in the real file: no verdict for it.
        foreach (var comment in comments.Where(c => !c.CodeChanged && c.CheckedHeadSha != head && c.ReviewedHeadSha != head && !c.Quote.Contains("[REDACTED:", StringComparison.Ordinal)))
        {
            if (!_files.TryGetValue(comment.Path, out var file))
            {
                var answer = await github.GetFileContentAsync(call, repository, comment.Path, head, MaxFileBytes, cancellationToken).ConfigureAwait(false);
                if (answer.Status == GitHubStatus.RateLimited)
                {
                    return answer.Status;
                }

                if (!answer.IsOk)
                {
                    // Too large or unreadable: no verdict; the next pass tries again.
                    continue;
                }

                pass.Fetched++;
                file = answer.Value is null ? null : AsDiffFile(comment.Path, Encoding.UTF8.GetString(answer.Value));
                _files[comment.Path] = file;
            }

            var changed = file is null || QuoteLocator.Find(file, comment.Quote) is null;
            var change = changed
                ? new FeedbackEvent
                {
                    Key = FeedbackEvents.CodeChanged(comment.CommentId),
                    Repository = target.Repository,
                    PullNumber = target.PullNumber,
                    CommentId = comment.CommentId,
                    Kind = FeedbackEventKind.CodeChanged,
                    Content = file is null ? "file removed" : "quote no longer present",
                    HeadSha = head,
                    OccurredAt = timeProvider.GetUtcNow(),
                }
                : null;
            await poll.SaveCodeCheckAsync(target.Repository, target.PullNumber, comment.CommentId, head, change, cancellationToken).ConfigureAwait(false);
            pass.Events += changed ? 1 : 0;
        }

        return GitHubStatus.Ok;
    }

    /// <summary>The whole file as one hunk of context lines, the shape <see cref="QuoteLocator"/> searches.</summary>
    private static DiffFile AsDiffFile(string path, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var body = lines.Select((l, i) => new DiffLine(DiffLineKind.Context, i + 1, i + 1, l)).ToList();
        return new DiffFile
        {
            OldPath = path,
            NewPath = path,
            Change = FileChangeKind.Modified,
            Hunks = [new DiffHunk { OldStart = 1, OldCount = body.Count, NewStart = 1, NewCount = body.Count, Lines = body }],
        };
    }
}
