namespace ReviewBot.Simulators.GitHub;

/// <summary>How the GitHub simulator behaves. Defaults suit a test that talks to it anonymously or with a token.</summary>
public sealed class GitHubSimulatorOptions
{
    /// <summary>Where to listen; port 0 picks a free one. Default <c>http://127.0.0.1:0</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The App id accepted as a JWT's <c>iss</c>.</summary>
    public long AppId { get; set; } = 1;

    /// <summary>The App's client id, also accepted as a JWT's <c>iss</c>.</summary>
    public string ClientId { get; set; } = "Iv1.simulator";

    /// <summary>The App's public key (PEM). Without it, <c>POST /app/installations/{id}/access_tokens</c> answers 401.</summary>
    public string? AppPublicKeyPem { get; set; }

    /// <summary>The login an installation token acts as.</summary>
    public string BotLogin { get; set; } = "reviewbot[bot]";

    /// <summary>How long an installation token it issues lives. GitHub: one hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests per hour per caller before a primary rate limit 403.</summary>
    public int RateLimit { get; set; } = 5000;

    /// <summary>Refuse anonymous reads too (GitHub allows them on public repositories).</summary>
    public bool RequireAuthentication { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
