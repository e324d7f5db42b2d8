using System.Collections.Concurrent;
using System.Text;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Sources;

/// <summary>
/// Whole files of a pull request at its base and head, fetched lazily through the contents API and cached for the
/// run. Reads come from the base repository even for a fork: GitHub serves a fork's head commit there too. A file
/// that is missing, over <c>GitHub:MaxFileBytes</c>, binary or unreadable is null: the critic falls back to the diff.
/// </summary>
public sealed class GitHubFileSource(
    GitHubRestClient client,
    GitHubCall call,
    RepositoryName repository,
    string baseSha,
    string headSha,
    UnifiedDiff diff,
    int maxBytes) : IFileSource
{
    private readonly ConcurrentDictionary<(string Sha, string Path), Lazy<Task<string?>>> _cache = new();

    public ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken) =>
        diff.FindFile(path) is { Change: FileChangeKind.Deleted } ? ValueTask.FromResult<string?>(null) : new(GetAsync(headSha, path, cancellationToken));

    public ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken)
    {
        var file = diff.FindFile(path);
        if (file is { Change: FileChangeKind.Added })
        {
            return ValueTask.FromResult<string?>(null);
        }

        // A renamed file's old content lives under its old path.
        return new(GetAsync(baseSha, file?.OldPath ?? path, cancellationToken));
    }

    private Task<string?> GetAsync(string sha, string path, CancellationToken cancellationToken) =>
        _cache.GetOrAdd((sha, path), key => new Lazy<Task<string?>>(() => FetchAsync(key.Sha, key.Path, cancellationToken))).Value;

    private async Task<string?> FetchAsync(string sha, string path, CancellationToken cancellationToken)
    {
        GitHubResult<byte[]?> result;
        try
        {
            result = await client.GetFileContentAsync(call, repository, path, sha, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The first caller gave up; a later one must not inherit its cancellation.
            _cache.TryRemove((sha, path), out _);
            throw;
        }

        if (!result.IsOk || result.Value is not { } bytes)
        {
            if (result.Status is GitHubStatus.Transient or GitHubStatus.RateLimited)
            {
                // Do not cache a passing failure: a later caller may try again.
                _cache.TryRemove((sha, path), out _);
            }

            return null;
        }

        return Decode(bytes);
    }

    /// <summary>UTF-8 text without its BOM, or null for binary content (a NUL byte in the first 8000 bytes, as git decides).</summary>
    internal static string? Decode(byte[] bytes)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
        {
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        return Encoding.UTF8.GetString(span);
    }
}
