using System.Diagnostics.CodeAnalysis;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Core.Pipeline;

/// <summary>What asking for a review did.</summary>
public enum EnqueueResult
{
    /// <summary>A durable job was created.</summary>
    Queued,

    /// <summary>A job for the same (repository, pull request, head SHA) is already waiting or running.</summary>
    AlreadyQueued,

    /// <summary>This head was already reviewed; nothing was queued.</summary>
    AlreadyReviewed,
}

/// <summary>The durable queue of review jobs, one per (repository, pull request, head SHA).</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of review jobs.")]
public interface IReviewQueue
{
    Task<EnqueueResult> EnqueueAsync(ReviewTarget target, CancellationToken cancellationToken);
}
