using Microsoft.Extensions.Logging;
using ReviewBot.Core.Diffs;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Sources;

/// <summary>A pull request's parsed diff, or why it could not be had.</summary>
public sealed record DiffReadResult(UnifiedDiff? Diff, GitHubStatus Status, string? Error)
{
    public bool IsOk => Diff is not null;
}

/// <summary>
/// Reads a pull request's diff as GitHub renders it (<c>Accept: application/vnd.github.diff</c>) and parses it with
/// the one diff parser. Over GitHub's diff limits (406), it rebuilds the diff from the files API's patches.
/// </summary>
public static partial class PullRequestDiffReader
{
    public static async Task<DiffReadResult> ReadAsync(GitHubRestClient client, GitHubCall call, RepositoryName repository, int number, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.GetDiffAsync(call, repository, number, cancellationToken).ConfigureAwait(false);
        if (text.IsOk)
        {
            var parsed = UnifiedDiffParser.Parse(text.Value!);
            return parsed.IsSuccess
                ? new DiffReadResult(parsed.Diff, GitHubStatus.Ok, null)
                : new DiffReadResult(null, GitHubStatus.Failed, $"GitHub's diff did not parse: {parsed.Error}");
        }

        if (text.HttpStatus != 406 && text.Status != GitHubStatus.TooLarge)
        {
            return new DiffReadResult(null, text.Status, "diff: " + text.Describe());
        }

        Log.DiffTooLarge(logger, number);
        var files = await client.ListFilesAsync(call, repository, number, cancellationToken).ConfigureAwait(false);
        if (!files.IsOk)
        {
            return new DiffReadResult(null, files.Status, "files: " + files.Describe());
        }

        var diffFiles = new List<DiffFile>();
        foreach (var entry in files.Value!)
        {
            var change = entry.Status switch
            {
                "added" => FileChangeKind.Added,
                "removed" => FileChangeKind.Deleted,
                "renamed" => FileChangeKind.Renamed,
                "copied" => FileChangeKind.Copied,
                _ => FileChangeKind.Modified,
            };
            var parsed = UnifiedDiffParser.ParseFilePatch(entry.Filename, entry.Patch, change, entry.PreviousFilename);
            if (!parsed.IsSuccess)
            {
                return new DiffReadResult(null, GitHubStatus.Failed, $"the patch of {entry.Filename} did not parse: {parsed.Error}");
            }

            diffFiles.AddRange(parsed.Diff!.Files);
        }

        return new DiffReadResult(new UnifiedDiff { Files = diffFiles }, GitHubStatus.Ok, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Pull request #{Number}: diff too large for the .diff media type; reading the files API")]
        public static partial void DiffTooLarge(ILogger logger, int number);
    }
}
