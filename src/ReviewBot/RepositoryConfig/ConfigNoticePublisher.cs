using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Publishing;
using ReviewBot.Data.Settings;
using ReviewBot.GitHub;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.RepositoryConfig;

/// <summary>What became of the note explaining an invalid configuration file.</summary>
public enum ConfigNoticeOutcome
{
    Posted,

    /// <summary>This version of the file was explained before (on this or another pull request).</summary>
    AlreadyExplained,

    /// <summary>No credentials: nothing is posted; the problems are logged.</summary>
    DryRun,

    /// <summary>GitHub failed for now; a later review run tries again.</summary>
    RetryLater,

    /// <summary>GitHub refused; the note is not tried again.</summary>
    Failed,
}

/// <summary>
/// Posts ONE comment per invalid configuration file version (repository holding the file + blob SHA), on the pull
/// request whose review first read it, listing every problem with its line and column. The review itself goes on
/// with the settings under the file.
/// </summary>
public sealed partial class ConfigNoticePublisher(
    GitHubRestClient client,
    ConfigNoticeStore notices,
    IOptions<GitHubOptions> github,
    ILogger<ConfigNoticePublisher> logger)
{
    public async Task<ConfigNoticeOutcome> PostOnceAsync(ReviewTarget target, ConfigFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(file);
        if (!github.Value.HasCredentials || !RepositoryName.TryParse(target.Repository, out var repository))
        {
            Log.NotPosted(logger, file.Repository, file.Path, string.Join("; ", file.Problems));
            return ConfigNoticeOutcome.DryRun;
        }

        var postedOn = string.Create(CultureInfo.InvariantCulture, $"{target.Repository}#{target.PullNumber}");
        if (!await notices.TryClaimAsync(file.Repository, file.BlobSha, file.Path, postedOn, cancellationToken).ConfigureAwait(false))
        {
            return ConfigNoticeOutcome.AlreadyExplained;
        }

        var call = new GitHubCall(target.InstallationId, target.DeliveryId);
        var posted = await client.CreateIssueCommentAsync(call, repository, target.PullNumber, Body(file, target.Repository), cancellationToken).ConfigureAwait(false);
        if (posted.IsOk)
        {
            await notices.MarkPostedAsync(file.Repository, file.BlobSha, posted.Value!.Id, cancellationToken).ConfigureAwait(false);
            Log.Posted(logger, file.Repository, file.Path, file.BlobSha, target.PullNumber);
            return ConfigNoticeOutcome.Posted;
        }

        // A write whose outcome is unknown may have been applied: releasing could post the note twice, keeping it
        // could post it never. Twice is the lesser harm only when GitHub surely did not apply it.
        if (posted.Status is GitHubStatus.Transient or GitHubStatus.RateLimited)
        {
            await notices.ReleaseAsync(file.Repository, file.BlobSha, cancellationToken).ConfigureAwait(false);
            Log.Deferred(logger, file.Repository, file.Path, posted.Describe());
            return ConfigNoticeOutcome.RetryLater;
        }

        await notices.MarkFailedAsync(file.Repository, file.BlobSha, cancellationToken).ConfigureAwait(false);
        Log.Refused(logger, file.Repository, file.Path, posted.Describe());
        return ConfigNoticeOutcome.Failed;
    }

    /// <summary>The note: which file, every problem, and what ReviewBot does meanwhile. Sanitized like every comment.</summary>
    public static string Body(ConfigFile file, string repository)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = new StringBuilder();
        var at = file.Ref.Length == 0 ? "its default branch" : $"`{Short(file.Ref)}`";
        text.Append(CultureInfo.InvariantCulture, $"ReviewBot could not use `{file.Path}` from `{file.Repository}` (at {at}, blob `{Short(file.BlobSha)}`):\n\n");
        foreach (var problem in file.Problems.Take(30))
        {
            text.Append("- ").Append(problem).Append('\n');
        }

        if (file.Problems.Count > 30)
        {
            text.Append(CultureInfo.InvariantCulture, $"- … and {file.Problems.Count - 30} more\n");
        }

        text.Append("\nUntil the file is fixed, pull requests are reviewed as if it did not exist. ")
            .Append("This note is posted once for this version of the file.");
        return CommentSanitizer.Sanitize(text.ToString(), repository);
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Explained the invalid configuration {Repository}/{Path} (blob {BlobSha}) on pull request #{PullNumber}")]
        public static partial void Posted(ILogger logger, string repository, string path, string blobSha, int pullNumber);

        [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Invalid configuration {Repository}/{Path} not explained (no credentials): {Problems}")]
        public static partial void NotPosted(ILogger logger, string repository, string path, string problems);

        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Explaining the invalid configuration {Repository}/{Path} failed for now ({Error}); a later run tries again")]
        public static partial void Deferred(ILogger logger, string repository, string path, string error);

        [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "GitHub refused the note on the invalid configuration {Repository}/{Path} ({Error})")]
        public static partial void Refused(ILogger logger, string repository, string path, string error);
    }
}
