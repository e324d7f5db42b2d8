using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Data.Dashboard;

/// <summary>A review run as the dashboard lists it.</summary>
public sealed record DashboardReview
{
    public long Id { get; init; }

    public string Repository { get; init; } = "";

    public int PullNumber { get; init; }

    public string HeadSha { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public int CommentCount { get; init; }

    public string? Critic { get; init; }

    public string? RewardModel { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>A comment of a review, with the 👍 and 👎 it has now (people only).</summary>
public sealed record DashboardComment
{
    public long Id { get; init; }

    public long ReviewId { get; init; }

    public long? GitHubCommentId { get; init; }

    public string Path { get; init; } = "";

    public int Line { get; init; }

    public int? StartLine { get; init; }

    public string Kind { get; init; } = "";

    public string? RuleId { get; init; }

    public string Source { get; init; } = "";

    public double Score { get; init; }

    public string Body { get; init; } = "";

    public int ThumbsUp { get; init; }

    public int ThumbsDown { get; init; }
}

/// <summary>👍 and 👎 given to ReviewBot's comments in one repository in the week starting <see cref="WeekStart"/> (a Monday, UTC).</summary>
public sealed record ReactionWeek(string Repository, DateOnly WeekStart, int Up, int Down)
{
    public double ShareUp => Up + Down == 0 ? 0 : Up / (double)(Up + Down);
}

/// <summary>A posted comment with its finding kind, reward-model score and the label its feedback earned.</summary>
public sealed record LabelledComment(string Repository, long CommentId, string Kind, double Score, FeedbackLabel Label)
{
    /// <summary>Positive, neutral or negative: enough feedback (or a closed pull request) to count.</summary>
    public bool IsDecided => Label is FeedbackLabel.Positive or FeedbackLabel.Neutral or FeedbackLabel.Negative;
}

/// <summary>Headline figures over a period.</summary>
public sealed record DashboardTotals(int Reviews, int Posted, int Comments, int Repositories, DateTimeOffset? LastReviewAt);
