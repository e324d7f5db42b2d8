using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Data.Reviews;

namespace ReviewBot.Data.Export;

/// <summary>A review's prompt as exported: the chat messages and the diff, redacted, with the template version used.</summary>
public sealed record ExportPrompt(IReadOnlyList<ChatTurn> Messages, string Diff, string PromptVersion);

/// <summary>
/// Rebuilds the critic's prompt of each review from its stored input and prompt version: the chat form (system
/// instructions, then the data and the request for one highlight). The per-request random fence marker of a live
/// review is replaced by one derived from the review's run id, so the same export is byte-identical every time.
/// Reviews by the offline critic (no prompt version) get the latest template.
/// </summary>
public sealed class ReviewPrompts(ReviewBotDatabase database, ExportRedactor redactor) : IAsyncDisposable
{
    private DbConnection? _connection;
    private long _cachedReview = -1;
    private ExportPrompt? _cached;

    /// <summary>Reviews whose input was missing or unreadable (their comments are left out).</summary>
    /// <remarks>The diff of a pair is masked without counting: its secrets are the ones counted in the prompt.</remarks>
    public long MissingInputs { get; private set; }

    /// <summary>The marker that fences data in the rebuilt prompt of run <paramref name="runId"/>: 32 hex digits of a hash.</summary>
    public static string FenceFor(string runId, int attempt = 0) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"reviewbot dataset fence\n{runId}\n{attempt}")))[..32];

    public async Task<ExportPrompt?> GetAsync(ExportComment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (comment.ReviewId == _cachedReview)
        {
            return _cached;
        }

        _cachedReview = comment.ReviewId;
        _cached = await LoadAsync(comment, cancellationToken).ConfigureAwait(false);
        if (_cached is null)
        {
            MissingInputs++;
        }

        return _cached;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ExportPrompt?> LoadAsync(ExportComment comment, CancellationToken cancellationToken)
    {
        var version = comment.PromptVersion ?? CriticPromptTemplates.Latest;
        if (!CriticPromptTemplates.IsKnown(version))
        {
            return null;
        }

        _connection ??= await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT format, data FROM review_inputs WHERE review_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = comment.ReviewId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var input = ReviewInputs.Decode(reader.GetString(0), (byte[])reader.GetValue(1));
        if (input is null)
        {
            return null;
        }

        var prompt = input.BuildPrompt(version);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var messages = prompt.ChatMessages(Critique.Empty, FenceFor(comment.RunId, attempt));
                return new ExportPrompt([.. messages.Select(m => new ChatTurn(m.Role.Value, redactor.Redact(m.Text)))], ReviewBot.Core.Security.SecretRedactor.Redact(input.Diff).Text, version);
            }
            catch (ArgumentException) when (attempt < 3)
            {
                // The derived marker occurs in the data (a pull request quoting an earlier export): derive another.
            }
        }
    }
}
