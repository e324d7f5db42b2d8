using System.Text.Json.Serialization;

namespace ReviewBot.Webhooks;

/// <summary>The fields of a GitHub webhook payload that ReviewBot reads; everything else is ignored.</summary>
public sealed partial record WebhookPayload
{
    public string? Action { get; init; }

    public WebhookInstallation? Installation { get; init; }

    public WebhookRepository? Repository { get; init; }

    public WebhookUser? Sender { get; init; }

    public WebhookPullRequest? PullRequest { get; init; }

    public int? Number { get; init; }
}

public sealed partial record WebhookInstallation(long Id);

public sealed record WebhookRepository
{
    public long Id { get; init; }

    public string FullName { get; init; } = "";

    public bool Private { get; init; }
}

public sealed record WebhookUser
{
    public string Login { get; init; } = "";

    public string? Type { get; init; }

    /// <summary>GitHub marks Apps as <c>Bot</c>; their logins end in <c>[bot]</c>.</summary>
    public bool IsBot => string.Equals(Type, "Bot", StringComparison.Ordinal) || Login.EndsWith("[bot]", StringComparison.Ordinal);
}

public sealed partial record WebhookPullRequest
{
    public int Number { get; init; }

    public string State { get; init; } = "";

    public bool Draft { get; init; }

    public bool? Merged { get; init; }

    public string? Title { get; init; }

    public WebhookUser? User { get; init; }

    public WebhookGitRef? Head { get; init; }

    public WebhookGitRef? Base { get; init; }
}

public sealed record WebhookGitRef
{
    public string Sha { get; init; } = "";

    public string? Ref { get; init; }

    public WebhookRepository? Repo { get; init; }
}

/// <summary>GitHub's webhook wire format: snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WebhookResponse))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;

/// <summary>What the endpoint answers: the outcome and why.</summary>
public sealed record WebhookResponse(string Outcome, string Reason);
