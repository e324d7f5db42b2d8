namespace ReviewBot.GitHub.Rest;

/// <summary>
/// Who a call acts for and why: the App installation whose token it uses (null with a personal token or
/// anonymously), and the webhook delivery that caused it, carried into every log scope.
/// </summary>
public sealed record GitHubCall(long? InstallationId = null, string? DeliveryId = null)
{
    public static GitHubCall Anonymous { get; } = new();

    /// <summary>The key rate limits and write spacing are counted under.</summary>
    internal string RateKey => InstallationId is { } id ? $"installation:{id}" : "default";
}
