using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Data.Feedback;

/// <summary>Section <c>Feedback</c>: how reactions are collected and how feedback becomes labels and pairs.</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>Run the recurring reaction poll in this process's scheduler. Default true.</summary>
    public bool PollEnabled { get; set; } = true;

    /// <summary>Time between two poll passes (one runs at a time, cluster-wide). Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Comments are polled for this long after they were posted (and never after their pull request closed and had its last pass). Default 14 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan PollWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Most pull requests one pass visits; the rest wait for the next pass, least recently polled first. Default 500.</summary>
    [Range(1, 100_000)]
    public int MaxPullRequestsPerPass { get; set; } = 500;

    /// <summary>
    /// Weight of a person's vote by GitHub <c>author_association</c> (case-insensitive). Defaults: OWNER, MEMBER and
    /// COLLABORATOR 1.0, CONTRIBUTOR 0.5; anything else <see cref="OtherWeight"/>.
    /// </summary>
    public Dictionary<string, double> AssociationWeights { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OWNER"] = 1.0,
        ["MEMBER"] = 1.0,
        ["COLLABORATOR"] = 1.0,
        ["CONTRIBUTOR"] = 0.5,
    };

    /// <summary>Weight of everyone else (FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, NONE, unknown). Default 0.25.</summary>
    [Range(0.0, 10.0)]
    public double OtherWeight { get; set; } = 0.25;

    /// <summary>Score for the flagged code changing before the pull request merged ("acted on"). Default 1.0.</summary>
    [Range(0.0, 10.0)]
    public double CodeChangedWeight { get; set; } = 1.0;

    /// <summary>Score for a thread resolved by a person, times the resolver's weight: + after a change, − when dismissed over a negative vote. Default 0.5.</summary>
    [Range(0.0, 10.0)]
    public double ResolvedWeight { get; set; } = 0.5;

    /// <summary>A comment is positive at a net score of at least this, negative at minus this; in between it is excluded (or neutral once its pull request closed). Default 0.5.</summary>
    [Range(0.01, 100.0)]
    public double LabelMargin { get; set; } = 0.5;

    /// <summary>Least score difference between the two comments of a pair. Default 0.5.</summary>
    [Range(0.01, 100.0)]
    public double PairMargin { get; set; } = 0.5;

    /// <summary>A pair's weight is its score difference, capped at this. Default 2.</summary>
    [Range(0.01, 100.0)]
    public double MaxPairWeight { get; set; } = 2.0;

    public double WeightOf(string? association) =>
        association is not null && AssociationWeights.TryGetValue(association, out var weight) ? weight : OtherWeight;
}

/// <summary>Checks what data annotations cannot: every association weight is a finite, non-negative number.</summary>
public sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.AssociationWeights
            .Where(static p => !double.IsFinite(p.Value) || p.Value < 0 || p.Value > 10)
            .Select(static p => $"Feedback:AssociationWeights:{p.Key} must be between 0 and 10; got {p.Value}.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
