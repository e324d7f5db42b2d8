using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Telemetry;
using ReviewBot.Data.Commands;
using ReviewBot.GitHub;
using ReviewBot.Webhooks;

namespace ReviewBot.Commands;

/// <summary>
/// <c>issue_comment.created</c> on a pull request: finds a command (<c>@reviewbot review|pause|resume</c>), stores it
/// and queues a job that checks, by asking GitHub, whether its author may give it. Nothing here calls GitHub, and a
/// command never takes arguments: a comment cannot set an endpoint, a key or anything else.
/// </summary>
public sealed partial class CommandWebhookHandler(
    CommandStore commands,
    CommandQueue queue,
    IOptionsMonitor<GitHubOptions> github,
    ILogger<CommandWebhookHandler> logger) : IWebhookHandler
{
    public bool CanHandle(string eventName) => eventName == "issue_comment";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Action != "created")
        {
            return WebhookOutcome.Ignored($"issue_comment.{payload.Action} carries no command");
        }

        IssueCommentEvent? comment;
        try
        {
            comment = JsonSerializer.Deserialize(delivery.Body.Span, CommandJsonContext.Default.IssueCommentEvent);
        }
        catch (JsonException)
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, "issue_comment payload without a readable comment");
        }

        if (comment?.Issue is not { PullRequest: not null } issue || comment.Comment is not { User.Login.Length: > 0 } body || payload.Repository is not { FullName.Length: > 0 } repository)
        {
            return WebhookOutcome.Ignored("not a comment on a pull request");
        }

        if (body.User!.IsBot || payload.Sender?.IsBot == true)
        {
            return WebhookOutcome.Ignored("comments by bots carry no commands");
        }

        var parsed = CommandParser.Parse(body.Body, CommandParser.MentionName(github.CurrentValue.BotLogin));
        if (parsed is null)
        {
            return WebhookOutcome.Ignored("no command in the comment");
        }

        var (status, reason) = parsed switch
        {
            { Kind: null } => (CommandStatus.Unknown, $"'{parsed.Word}' is not a command (review, pause, resume)"),
            { HasArguments: true } => (CommandStatus.Refused, "commands take no arguments"),
            _ => (CommandStatus.Queued, (string?)null),
        };
        var stored = new StoredCommand
        {
            DeliveryId = delivery.Id,
            Repository = repository.FullName,
            PullNumber = issue.Number,
            CommentId = body.Id,
            Author = body.User.Login,
            Command = parsed.Kind?.ToString().ToLowerInvariant() ?? parsed.Word,
            InstallationId = payload.Installation?.Id,
            Status = status,
            Reason = reason,
        };
        var id = await commands.TryAddAsync(stored, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, "command already received");
        }

        if (status != CommandStatus.Queued)
        {
            Log.NotCarriedOut(logger, stored.Command, stored.Author, reason!);
            ReviewBotTelemetry.Commands.Add(1, new KeyValuePair<string, object?>("command", parsed.Kind is null ? "unknown" : stored.Command), new KeyValuePair<string, object?>("outcome", status.ToString()));
            return new WebhookOutcome(WebhookDisposition.Recorded, $"command not carried out: {reason}");
        }

        await queue.EnqueueAsync(id.Value, cancellationToken).ConfigureAwait(false);
        return new WebhookOutcome(WebhookDisposition.Queued, $"command {stored.Command} by {stored.Author} queued");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Command {Command} by {Author} not carried out: {Reason}")]
        public static partial void NotCarriedOut(ILogger logger, string command, string author, string reason);
    }
}
