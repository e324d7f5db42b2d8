using ReviewBot.Core.Pipeline;

namespace ReviewBot.Cli.Eval;

/// <summary>Whole files on both sides of a one-file change, held in memory (a tamper's original and changed file).</summary>
internal sealed class InMemoryFileSource(string file, string? before, string? after) : IFileSource
{
    public ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.Equals(path, file, StringComparison.Ordinal) ? after : null);

    public ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.Equals(path, file, StringComparison.Ordinal) ? before : null);
}
