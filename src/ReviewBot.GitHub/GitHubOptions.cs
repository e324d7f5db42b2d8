using System.ComponentModel.DataAnnotations;

namespace ReviewBot.GitHub;

/// <summary>
/// Section <c>GitHub</c>: where the API is, how ReviewBot authenticates (a GitHub App, or a personal token), and the
/// budgets of every call. Without credentials ReviewBot still reads public pull requests and runs dry.
/// </summary>
public sealed class GitHubOptions
{
    public const string SectionName = "GitHub";

    /// <summary>The REST API root. Default <c>https://api.github.com</c>; GitHub Enterprise Server: <c>https://HOST/api/v3</c>.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://api.github.com";

    /// <summary>The GitHub App's numeric id (used as the JWT issuer when <see cref="ClientId"/> is not set).</summary>
    public string? AppId { get; set; }

    /// <summary>The GitHub App's client id (<c>Iv1.…</c>); preferred as the JWT issuer.</summary>
    public string? ClientId { get; set; }

    /// <summary>Path to the App's private key (PEM), as downloaded from the App's settings.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The App's private key itself (PEM), e.g. from a secret store. Use this or <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A personal access token, instead of App credentials (local use, a single repository).</summary>
    public string? Token { get; set; }

    /// <summary>The App's webhook secret; read by the webhook intake, listed here so the section is complete.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Longest wait for one HTTP attempt. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent GitHub requires on every request. Default <c>ReviewBot</c>.</summary>
    [Required]
    public string UserAgent { get; set; } = "ReviewBot";

    /// <summary>Least time between two writes (POST/PATCH/PUT/DELETE) of one installation. Default 1 s, as GitHub advises.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The login ReviewBot posts as (e.g. <c>my-reviewbot[bot]</c>). When set, only its comments count as ReviewBot's;
    /// when not, any Bot account's comment carrying ReviewBot's hidden marker does (any account's, with a personal token).
    /// </summary>
    public string? BotLogin { get; set; }

    /// <summary>Retries of an idempotent read after a 5xx, a timeout or a network error. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off of a read retry; it doubles, with jitter. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Multiplies every rate-limit wait (retry-after, reset, the one-minute secondary back-off). 1 in production;
    /// tests shrink it so a one-minute back-off takes milliseconds.
    /// </summary>
    [Range(0.000001, 10.0)]
    public double RateLimitBackoffScale { get; set; } = 1.0;

    /// <summary>Longest rate-limit wait taken in-process; a longer one returns <c>RateLimited</c> so the job is rescheduled. Default 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most files of a pull request the critic sees; the rest are listed as skipped. Default 60.</summary>
    [Range(1, 3000)]
    public int MaxFiles { get; set; } = 60;

    /// <summary>Most changed lines (added + deleted) the critic sees. Default 4000.</summary>
    [Range(1, 1_000_000)]
    public int MaxChangedLines { get; set; } = 4000;

    /// <summary>Largest whole file fetched for context, in bytes; larger ones are treated as unavailable. Default 512 KiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 512 * 1024;

    /// <summary>Most pending-review probes spent finding the comments GitHub refuses (see the publisher). Default 6.</summary>
    [Range(0, 20)]
    public int MaxBisectionProbes { get; set; } = 6;

    /// <summary>True when App credentials are configured.</summary>
    public bool HasAppCredentials =>
        (!string.IsNullOrWhiteSpace(AppId) || !string.IsNullOrWhiteSpace(ClientId)) &&
        (!string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeyPath));

    /// <summary>True when ReviewBot can write to GitHub (App credentials or a token); otherwise it runs dry.</summary>
    public bool HasCredentials => HasAppCredentials || !string.IsNullOrWhiteSpace(Token);

    /// <summary>The JWT issuer: the client id when set, else the App id.</summary>
    public string? Issuer => !string.IsNullOrWhiteSpace(ClientId) ? ClientId : AppId;
}
