using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReviewBot.GitHub.Rest;

/// <summary>
/// The typed GitHub REST calls ReviewBot makes. Each returns a <see cref="GitHubResult{T}"/>; none throws for an
/// answer GitHub can be expected to give.
/// </summary>
public sealed partial class GitHubRestClient(GitHubConnection connection)
{
    /// <summary>GitHub's largest page.</summary>
    public const int PerPage = 100;

    public GitHubConnection Connection => connection;

    /// <summary><c>GET /repos/{owner}/{repo}/pulls/{pull_number}</c>.</summary>
    public async Task<GitHubResult<PullRequest>> GetPullRequestAsync(GitHubCall call, RepositoryName repository, int number, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(call, Path(repository, $"pulls/{number}"), GitHubRequest.JsonMediaType, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.PullRequest);
    }

    /// <summary><c>GET …/pulls/{n}</c> with <c>Accept: application/vnd.github.diff</c>: the whole diff as text.</summary>
    public async Task<GitHubResult<string>> GetDiffAsync(GitHubCall call, RepositoryName repository, int number, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(call, Path(repository, $"pulls/{number}"), GitHubRequest.DiffMediaType, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? GitHubResult.Ok(Encoding.UTF8.GetString(answer.Value!.Body), answer.HttpStatus) : answer.As<string>();
    }

    /// <summary><c>GET …/pulls/{n}/files</c>, every page (GitHub lists at most 3000 files), with each file's patch.</summary>
    public Task<GitHubResult<IReadOnlyList<DiffEntry>>> ListFilesAsync(GitHubCall call, RepositoryName repository, int number, CancellationToken cancellationToken, int maxItems = 3000) =>
        ListAllAsync(call, Path(repository, $"pulls/{number}/files?per_page={PerPage}"), GitHubJsonContext.Default.ListDiffEntry, maxItems, cancellationToken);

    /// <summary>
    /// <c>GET /repos/{owner}/{repo}/contents/{path}?ref=</c>: the file's bytes (raw media type; base64 JSON is
    /// decoded too). Null value when the path does not exist at that ref or is not a file. An empty
    /// <paramref name="gitRef"/> reads the repository's default branch.
    /// </summary>
    public async Task<GitHubResult<byte[]?>> GetFileContentAsync(GitHubCall call, RepositoryName repository, string path, string gitRef, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var request = new GitHubRequest
        {
            Method = HttpMethod.Get,
            Path = string.IsNullOrEmpty(gitRef) ? $"{repository.Path}/contents/{escaped}" : $"{repository.Path}/contents/{escaped}?ref={Uri.EscapeDataString(gitRef)}",
            Accept = GitHubRequest.RawMediaType,
            MaxResponseBytes = Math.Max(maxBytes * 2, 4096),
        };
        var answer = await connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        if (answer.Status == GitHubStatus.NotFound)
        {
            return GitHubResult.Ok<byte[]?>(null, 404);
        }

        if (!answer.IsOk)
        {
            return answer.As<byte[]?>();
        }

        var response = answer.Value!;
        var bytes = response.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase) && !type.Contains("raw", StringComparison.OrdinalIgnoreCase)
            ? DecodeContentJson(response.Body)
            : response.Body;
        if (bytes is not null && bytes.Length > maxBytes)
        {
            return GitHubResult.Fail<byte[]?>(GitHubStatus.TooLarge, $"{path} is {bytes.Length} bytes, over {maxBytes}");
        }

        return GitHubResult.Ok(bytes, answer.HttpStatus);
    }

    private static byte[]? DecodeContentJson(byte[] body)
    {
        try
        {
            var file = JsonSerializer.Deserialize(body, GitHubJsonContext.Default.ContentFile);
            return file is { Type: "file", Encoding: "base64", Content: { } content } ? Convert.FromBase64String(content.Replace("\n", "", StringComparison.Ordinal)) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary><c>GET /repos/{owner}/{repo}/installation</c> with the App's JWT: which installation covers a repository.</summary>
    public async Task<GitHubResult<Installation>> GetRepositoryInstallationAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var request = new GitHubRequest { Method = HttpMethod.Get, Path = $"{repository.Path}/installation", Auth = GitHubAuth.AppJwt };
        var answer = await connection.SendAsync(request, GitHubCall.Anonymous, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, GitHubJsonContext.Default.Installation);
    }

    internal static string Path(RepositoryName repository, FormattableString rest) =>
        repository.Path + "/" + rest.ToString(CultureInfo.InvariantCulture);

    internal Task<GitHubResult<GitHubResponse>> GetAsync(GitHubCall call, string path, string accept, CancellationToken cancellationToken, string? ifNoneMatch = null) =>
        connection.SendAsync(new GitHubRequest { Method = HttpMethod.Get, Path = path, Accept = accept, IfNoneMatch = ifNoneMatch }, call, cancellationToken);

    internal async Task<GitHubResult<T>> WriteAsync<TBody, T>(
        GitHubCall call, HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        var request = new GitHubRequest { Method = method, Path = path, Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyType) };
        var answer = await connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        return GitHubConnection.Deserialize(answer, resultType);
    }

    /// <summary>Follows <c>Link: rel="next"</c> until the last page or <paramref name="maxItems"/>.</summary>
    internal async Task<GitHubResult<IReadOnlyList<T>>> ListAllAsync<T>(GitHubCall call, string firstPath, JsonTypeInfo<List<T>> type, int maxItems, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var request = new GitHubRequest { Method = HttpMethod.Get, Path = firstPath };
        while (true)
        {
            var answer = await connection.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
            var page = GitHubConnection.Deserialize(answer, type);
            if (!page.IsOk)
            {
                return page.As<IReadOnlyList<T>>();
            }

            items.AddRange(page.Value!);
            var next = answer.Value!.NextPage;
            if (next is null || items.Count >= maxItems || page.Value!.Count == 0)
            {
                return GitHubResult.Ok<IReadOnlyList<T>>(items.Count > maxItems ? items[..maxItems] : items);
            }

            request = new GitHubRequest { Method = HttpMethod.Get, AbsoluteUri = next };
        }
    }
}
