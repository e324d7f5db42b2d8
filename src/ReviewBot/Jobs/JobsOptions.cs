using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Jobs;

/// <summary>Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Review jobs run at once in this process. Default 4.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Attempts for a job whose failures are transient (GitHub 5xx, timeouts, rate limits). Default 6.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles with each attempt up to <see cref="MaxRetryDelay"/>. Default 1 minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest retry delay. Default 30 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a worker waits before looking for new jobs after it found none. Jobs queued by another process (a
    /// receiver) are not signalled to the workers, so this is the longest they wait to be picked up. At least 1 s.
    /// Default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a clustered scheduler checks in (PostgreSQL). Default 5 s.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After how long without a check-in a node's jobs are recovered by the others. Default 10 s.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the scheduler waits before trying the job store again after the database failed (down, restarting).
    /// Default 5 s.
    /// </summary>
    public TimeSpan DbRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
