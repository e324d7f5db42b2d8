namespace ReviewBot.Admin;

/// <summary>Section <c>Admin</c>: who may use the dashboard and the admin endpoints.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// A bearer token for <c>/admin/*</c> and the dashboard. Empty (default): only requests from the loopback
    /// interface are served, so nothing is exposed until an operator chooses a token.
    /// </summary>
    public string? Token { get; set; }
}
