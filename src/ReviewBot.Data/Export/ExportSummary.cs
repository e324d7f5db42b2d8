namespace ReviewBot.Data.Export;

/// <summary>What an export wrote, for the dataset card and the command's report.</summary>
public sealed class ExportSummary
{
    public required DatasetExportRequest Request { get; init; }

    public required DateTimeOffset ExportedAt { get; init; }

    public long TrainRows { get; set; }

    public long TestRows { get; set; }

    /// <summary>Pull requests that gave at least one row, per split.</summary>
    public long TrainPullRequests { get; set; }

    public long TestPullRequests { get; set; }

    public long PullRequestsRead { get; set; }

    public long ExcludedPullRequests { get; set; }

    public long CommentsRead { get; set; }

    public long CommentsWithoutInput { get; set; }

    /// <summary>Comments per label (positive, negative, neutral, conflicted, undecided).</summary>
    public SortedDictionary<string, long> Labels { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> ReviewBotVersions { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> RewardModels { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> PromptVersions { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Critics { get; } = new(StringComparer.Ordinal);

    public required ExportRedactor Redactions { get; init; }

    public long Rows => TrainRows + TestRows;
}
