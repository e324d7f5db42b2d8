namespace ReviewBot.Data.Feedback;

/// <summary>
/// Tells ReviewBot's own account (and other bots) apart from people: the configured login (<c>GitHub:BotLogin</c>),
/// any account of type <c>Bot</c>, or a login with GitHub's <c>[bot]</c> suffix. Their reactions and replies are
/// never feedback.
/// </summary>
public sealed class BotIdentity(string? botLogin)
{
    public string? BotLogin => botLogin;

    public bool IsBot(string? login, string? type = null) =>
        string.Equals(type, "Bot", StringComparison.Ordinal)
        || (login is not null && login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase))
        || (!string.IsNullOrEmpty(botLogin) && string.Equals(login, botLogin, StringComparison.OrdinalIgnoreCase));
}
