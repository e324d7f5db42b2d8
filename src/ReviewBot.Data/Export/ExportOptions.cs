namespace ReviewBot.Data.Export;

/// <summary>Section <c>Export</c>: what never leaves in a dataset, whatever the command line says.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>Repositories (<c>owner/name</c>, case-insensitive) never exported, besides those opted out in the database.</summary>
    public List<string> ExcludedRepositories { get; set; } = [];
}

/// <summary>One export run.</summary>
public sealed record DatasetExportRequest
{
    public required ExportFormat Format { get; init; }

    /// <summary>The output directory: <c>train.jsonl</c>, <c>test.jsonl</c> and <c>README.md</c> are written there.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Only comments posted on or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only this repository (<c>owner/name</c>).</summary>
    public string? Repository { get; init; }

    /// <summary>Share of pull requests (not rows) in the test split, in [0, 1]. Default 0.1.</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Seed of the split's hash.</summary>
    public int Seed { get; init; }

    /// <summary>Repositories excluded by configuration, in addition to those opted out in the database.</summary>
    public IReadOnlyCollection<string> ExcludedRepositories { get; init; } = [];
}

/// <summary>Progress of an export: pull requests done out of all, rows written so far.</summary>
public readonly record struct ExportProgress(long PullRequestsDone, long PullRequestsTotal, long Rows);
