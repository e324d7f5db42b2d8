using Dapper;

namespace ReviewBot.Data.Commands;

/// <summary>Where a command given in a pull request comment stands. Stored as text.</summary>
public enum CommandStatus
{
    /// <summary>Recorded; a job will check who gave it and carry it out.</summary>
    Queued,

    /// <summary>Carried out.</summary>
    Done,

    /// <summary>Not carried out: the author may not steer ReviewBot, or the command took arguments.</summary>
    Refused,

    /// <summary>Not a command ReviewBot knows.</summary>
    Unknown,

    /// <summary>Could not be carried out (the pull request is gone, GitHub refused).</summary>
    Failed,
}

/// <summary>A command as stored: never the comment's text, only what was understood of it.</summary>
public sealed record StoredCommand
{
    public long Id { get; init; }

    public required string DeliveryId { get; init; }

    public required string Repository { get; init; }

    public required int PullNumber { get; init; }

    public required long CommentId { get; init; }

    public required string Author { get; init; }

    /// <summary><c>review</c>, <c>pause</c>, <c>resume</c>, or the unknown word given.</summary>
    public required string Command { get; init; }

    public long? InstallationId { get; init; }

    public required CommandStatus Status { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? HandledAt { get; init; }
}

/// <summary>Commands given in pull request comments, one per webhook delivery.</summary>
public sealed class CommandStore(ReviewBotDatabase database, TimeProvider timeProvider)
{
    /// <summary>Stores <paramref name="command"/>; returns its id, or null when this delivery was stored before.</summary>
    public async Task<long?> TryAddAsync(StoredCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO pull_request_commands (delivery_id, repository, pull_number, comment_id, author, command, installation_id, status, reason, created_at, handled_at)
            VALUES (@DeliveryId, @Repository, @PullNumber, @CommentId, @Author, @Command, @InstallationId, @Status, @Reason, @CreatedAt, @HandledAt)
            ON CONFLICT (delivery_id) DO NOTHING
            RETURNING id
            """,
            new
            {
                command.DeliveryId,
                command.Repository,
                command.PullNumber,
                command.CommentId,
                command.Author,
                command.Command,
                command.InstallationId,
                Status = command.Status.ToString(),
                command.Reason,
                CreatedAt = Now(),
                HandledAt = command.Status == CommandStatus.Queued ? (long?)null : Now(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StoredCommand?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{Row.Select} WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToStored();
    }

    /// <summary>Commands of one pull request, oldest first.</summary>
    public async Task<IReadOnlyList<StoredCommand>> ListAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Row.Select} WHERE repository = @repository AND pull_number = @pullNumber ORDER BY id", new { repository, pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToStored())];
    }

    public async Task FinishAsync(long id, CommandStatus status, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pull_request_commands SET status = @Status, reason = @reason, handled_at = @HandledAt WHERE id = @id",
            new { id, Status = status.ToString(), reason, HandledAt = Now() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record Row
    {
        public const string Select =
            """
            SELECT id AS Id, delivery_id AS DeliveryId, repository AS Repository, pull_number AS PullNumber, comment_id AS CommentId,
                   author AS Author, command AS Command, installation_id AS InstallationId, status AS Status, reason AS Reason,
                   created_at AS CreatedAt, handled_at AS HandledAt
            FROM pull_request_commands
            """;

        public long Id { get; init; }

        public string DeliveryId { get; init; } = "";

        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public long CommentId { get; init; }

        public string Author { get; init; } = "";

        public string Command { get; init; } = "";

        public long? InstallationId { get; init; }

        public string Status { get; init; } = "";

        public string? Reason { get; init; }

        public long CreatedAt { get; init; }

        public long? HandledAt { get; init; }

        public StoredCommand ToStored() => new()
        {
            Id = Id,
            DeliveryId = DeliveryId,
            Repository = Repository,
            PullNumber = (int)PullNumber,
            CommentId = CommentId,
            Author = Author,
            Command = Command,
            InstallationId = InstallationId,
            Status = Enum.Parse<CommandStatus>(Status),
            Reason = Reason,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            HandledAt = HandledAt is { } handled ? DateTimeOffset.FromUnixTimeMilliseconds(handled) : null,
        };
    }
}
