using System.Globalization;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Telemetry;
using ReviewBot.Data.Commands;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.Commands;

/// <summary>How running a command ended.</summary>
public enum CommandRunOutcome
{
    Done,
    Refused,
    Failed,
    RetryLater,
}

/// <summary>
/// Carries out a stored command inside a job: asks GitHub whether its author has write access (admin, maintain or
/// write) and, if so, pauses, resumes or queues a full review of the current head, then acknowledges with 👀 (and,
/// for pause and resume, a one-line reply). Commands from anyone else are refused silently: logged, never answered.
/// </summary>
public sealed partial class CommandRunner(
    CommandStore commands,
    PullRequestStateStore pullRequests,
    IReviewQueue reviews,
    GitHubRestClient client,
    ILogger<CommandRunner> logger)
{
    public async Task<CommandRunOutcome> RunAsync(long commandId, CancellationToken cancellationToken)
    {
        var command = await commands.GetAsync(commandId, cancellationToken).ConfigureAwait(false);
        if (command is not { Status: CommandStatus.Queued })
        {
            // Already carried out (a recovered job runs again): nothing to do.
            return CommandRunOutcome.Done;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Repository"] = command.Repository,
            ["PullNumber"] = command.PullNumber,
            ["DeliveryId"] = command.DeliveryId,
            ["CommandId"] = command.Id,
        });
        if (!RepositoryName.TryParse(command.Repository, out var repository) || !Enum.TryParse<CommandKind>(command.Command, ignoreCase: true, out var kind))
        {
            return await FinishAsync(command, CommandStatus.Failed, "not a command of a known repository", cancellationToken).ConfigureAwait(false);
        }

        var call = new GitHubCall(command.InstallationId, command.DeliveryId);
        var access = await client.GetCollaboratorPermissionAsync(call, repository, command.Author, cancellationToken).ConfigureAwait(false);
        if (IsTransient(access.Status))
        {
            return CommandRunOutcome.RetryLater;
        }

        if (!access.IsOk || !access.Value!.CanWrite)
        {
            var why = access.IsOk ? $"{command.Author} has {access.Value!.RoleName ?? access.Value.Permission} access, not write" : "write access could not be confirmed: " + access.Describe();
            Log.Refused(logger, command.Command, command.Author, why);
            await commands.FinishAsync(command.Id, CommandStatus.Refused, why, cancellationToken).ConfigureAwait(false);
            CountCommand(command, CommandStatus.Refused);
            return CommandRunOutcome.Refused;
        }

        return kind switch
        {
            CommandKind.Pause => await PauseAsync(command, call, repository, paused: true, cancellationToken).ConfigureAwait(false),
            CommandKind.Resume => await PauseAsync(command, call, repository, paused: false, cancellationToken).ConfigureAwait(false),
            _ => await ReviewAgainAsync(command, call, repository, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<CommandRunOutcome> PauseAsync(StoredCommand command, GitHubCall call, RepositoryName repository, bool paused, CancellationToken cancellationToken)
    {
        var followUp = "";
        if (!paused)
        {
            // Pushes made while paused were not reviewed: the current head is, unless it already was.
            var pr = await client.GetPullRequestAsync(call, repository, command.PullNumber, cancellationToken).ConfigureAwait(false);
            if (IsTransient(pr.Status))
            {
                return CommandRunOutcome.RetryLater;
            }

            if (pr is { IsOk: true, Value.IsOpen: true })
            {
                var queued = await reviews.EnqueueAsync(Target(command, pr.Value.Head.Sha, rerun: null), cancellationToken).ConfigureAwait(false);
                followUp = queued == EnqueueResult.Queued ? " The current head is queued for review." : "";
            }
        }

        await pullRequests.SetPausedAsync(command.Repository, command.PullNumber, paused, command.Author, cancellationToken).ConfigureAwait(false);
        var done = await FinishAsync(command, CommandStatus.Done, paused ? "paused" : "resumed", cancellationToken).ConfigureAwait(false);
        await AcknowledgeAsync(command, call, repository, cancellationToken).ConfigureAwait(false);
        var reply = paused
            ? "Paused: ReviewBot will not review new pushes to this pull request until someone with write access comments `@reviewbot resume`."
            : "Resumed: ReviewBot reviews new pushes to this pull request again." + followUp;
        var posted = await client.CreateIssueCommentAsync(call, repository, command.PullNumber, reply, cancellationToken).ConfigureAwait(false);
        if (!posted.IsOk)
        {
            Log.AcknowledgementFailed(logger, posted.Describe());
        }

        return done;
    }

    private async Task<CommandRunOutcome> ReviewAgainAsync(StoredCommand command, GitHubCall call, RepositoryName repository, CancellationToken cancellationToken)
    {
        var pr = await client.GetPullRequestAsync(call, repository, command.PullNumber, cancellationToken).ConfigureAwait(false);
        if (IsTransient(pr.Status))
        {
            return CommandRunOutcome.RetryLater;
        }

        if (!pr.IsOk || !pr.Value!.IsOpen)
        {
            return await FinishAsync(command, CommandStatus.Failed, pr.IsOk ? "the pull request is not open" : "pull request: " + pr.Describe(), cancellationToken).ConfigureAwait(false);
        }

        var rerun = command.Id.ToString(CultureInfo.InvariantCulture);
        var queued = await reviews.EnqueueAsync(Target(command, pr.Value.Head.Sha, rerun), cancellationToken).ConfigureAwait(false);
        var done = await FinishAsync(command, CommandStatus.Done, $"review of {pr.Value.Head.Sha} {queued}", cancellationToken).ConfigureAwait(false);
        await AcknowledgeAsync(command, call, repository, cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>👀 on the command's comment: seen and accepted.</summary>
    private async Task AcknowledgeAsync(StoredCommand command, GitHubCall call, RepositoryName repository, CancellationToken cancellationToken)
    {
        var reaction = await client.CreateIssueCommentReactionAsync(call, repository, command.CommentId, "eyes", cancellationToken).ConfigureAwait(false);
        if (!reaction.IsOk)
        {
            Log.AcknowledgementFailed(logger, reaction.Describe());
        }
    }

    private async Task<CommandRunOutcome> FinishAsync(StoredCommand command, CommandStatus status, string reason, CancellationToken cancellationToken)
    {
        await commands.FinishAsync(command.Id, status, reason, cancellationToken).ConfigureAwait(false);
        CountCommand(command, status);
        Log.Finished(logger, command.Command, command.Author, status, reason);
        return status == CommandStatus.Done ? CommandRunOutcome.Done : CommandRunOutcome.Failed;
    }

    private static ReviewTarget Target(StoredCommand command, string headSha, string? rerun) => new()
    {
        Repository = command.Repository,
        PullNumber = command.PullNumber,
        HeadSha = headSha,
        InstallationId = command.InstallationId,
        DeliveryId = command.DeliveryId,
        Rerun = rerun,
    };

    private static void CountCommand(StoredCommand command, CommandStatus status) =>
        ReviewBotTelemetry.Commands.Add(1, new KeyValuePair<string, object?>("command", command.Command), new KeyValuePair<string, object?>("outcome", status.ToString()));

    private static bool IsTransient(GitHubStatus status) => status is GitHubStatus.Transient or GitHubStatus.RateLimited or GitHubStatus.UnknownOutcome;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Command {Command} by {Author} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string command, string author, string reason);

        [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Command {Command} by {Author}: {Status} ({Reason})")]
        public static partial void Finished(ILogger logger, string command, string author, CommandStatus status, string reason);

        [LoggerMessage(EventId = 1412, Level = LogLevel.Warning, Message = "Acknowledging a command failed: {Error}")]
        public static partial void AcknowledgementFailed(ILogger logger, string error);
    }
}
