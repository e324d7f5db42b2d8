using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Webhooks;

/// <summary>Section <c>Webhooks</c> (the secret itself is <c>GitHub:WebhookSecret</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The webhook secret configured on the GitHub App, bound from <c>GitHub:WebhookSecret</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>Accept unsigned deliveries when no secret is set. Only for local development (<c>serve --insecure-dev</c>).</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>Largest body accepted, in bytes. GitHub never sends more than 25 MB. Default 25 MB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Deliveries this receiver stores and queues at once; the rest wait in memory for a turn. A few writers keep the
    /// database's locks busy; many only contend for them. Read at start-up. Default 8.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentAccepts { get; set; } = 8;

    /// <summary>
    /// How long a delivery waits for its turn before it is answered 503 (GitHub gives up on a delivery after 10 s and
    /// does not redeliver on its own). Default 5 s.
    /// </summary>
    public TimeSpan AcceptQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deliveries allowed to wait for a turn at once; one more is answered 503 at once, before its body is read. Bounds
    /// the memory held by bodies, and under sustained overload turns what would be sender time-outs into quick 503s
    /// the App's delivery log shows for redelivery. Read at start-up. Default 256.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxWaitingDeliveries { get; set; } = 256;

    /// <summary>Review draft pull requests too. Default false.</summary>
    public bool ReviewDrafts { get; set; }
}

/// <summary>Refuses to start without a secret unless unsigned deliveries were explicitly allowed.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.Secret) && !options.AllowUnsigned
            ? ValidateOptionsResult.Fail("GitHub:WebhookSecret is not set. Set it to the App's webhook secret, or start with --insecure-dev for local development only.")
            : ValidateOptionsResult.Success;
    }
}
