namespace ReviewBot.GitHub.Rest;

/// <summary>How a request authenticates.</summary>
public enum GitHubAuth
{
    /// <summary>The personal token, or the installation's token, or none when no credentials are configured.</summary>
    Default,

    /// <summary>The App's JWT (only <c>/app/…</c> and installation look-ups).</summary>
    AppJwt,

    /// <summary>No Authorization header.</summary>
    None,
}

/// <summary>One REST request, before authentication and retries.</summary>
public sealed record GitHubRequest
{
    public const string JsonMediaType = "application/vnd.github+json";
    public const string DiffMediaType = "application/vnd.github.diff";
    public const string RawMediaType = "application/vnd.github.raw+json";

    public required HttpMethod Method { get; init; }

    /// <summary>Path and query under <c>GitHub:ApiBaseUrl</c>, without a leading slash (e.g. <c>repos/o/r/pulls/1</c>).</summary>
    public string Path { get; init; } = "";

    /// <summary>A full URL from a <c>Link</c> header; must point at <c>GitHub:ApiBaseUrl</c>'s host.</summary>
    public Uri? AbsoluteUri { get; init; }

    public string Accept { get; init; } = JsonMediaType;

    /// <summary>A UTF-8 JSON body.</summary>
    public byte[]? Body { get; init; }

    /// <summary>An ETag from an earlier answer: GitHub answers 304 when nothing changed, at no rate-limit cost.</summary>
    public string? IfNoneMatch { get; init; }

    public GitHubAuth Auth { get; init; } = GitHubAuth.Default;

    /// <summary>A write that is safe to repeat (e.g. creating an installation token): retried like a read.</summary>
    public bool SafeToRetry { get; init; }

    /// <summary>The largest body accepted; a larger one ends the call with <see cref="GitHubStatus.TooLarge"/>.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    public bool IsWrite => Method != HttpMethod.Get && Method != HttpMethod.Head;

    /// <summary>Reads, and writes marked <see cref="SafeToRetry"/>, may be retried after a 5xx or timeout.</summary>
    public bool IsIdempotent => !IsWrite || SafeToRetry;

    public override string ToString() => $"{Method} {(AbsoluteUri is null ? "/" + Path.Split('?')[0] : AbsoluteUri.AbsolutePath)}";
}

/// <summary>A raw answer: status, body and the headers the client uses.</summary>
public sealed record GitHubResponse(int StatusCode, byte[] Body, string? ContentType, string? ETag, Uri? NextPage);
