namespace ReviewBot.Webhooks;

public sealed partial record WebhookPayload
{
    /// <summary>
    /// A JSON null inside a list that GitHub never fills with nulls. System.Text.Json enforces nullability on properties
    /// but not on collection elements, so the endpoint refuses such a payload with 400 before any handler sees it.
    /// </summary>
    internal bool HasNullListElements =>
        Repositories?.Contains(null!) == true || RepositoriesAdded?.Contains(null!) == true || Thread?.Comments?.Contains(null!) == true;
}
