namespace ReviewBot.GitHub.Rest;

// GitHub's wire format, as much of it as ReviewBot reads. Property names map to snake_case through
// GitHubJsonContext; unknown fields are ignored, and enum-like fields stay strings so a new value never breaks parsing.

public sealed record GitHubUser
{
    public string Login { get; init; } = "";

    public long Id { get; init; }

    /// <summary><c>User</c>, <c>Bot</c> or <c>Organization</c>.</summary>
    public string? Type { get; init; }
}

public sealed record GitHubRepository
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string FullName { get; init; } = "";

    public bool Fork { get; init; }

    public bool Private { get; init; }

    public GitHubUser? Owner { get; init; }

    public string? DefaultBranch { get; init; }
}

public sealed record PullRequestBranch
{
    public string Label { get; init; } = "";

    public string Ref { get; init; } = "";

    public string Sha { get; init; } = "";

    public GitHubUser? User { get; init; }

    /// <summary>Null when the fork the pull request came from was deleted.</summary>
    public GitHubRepository? Repo { get; init; }
}

public sealed record PullRequest
{
    public long Id { get; init; }

    public int Number { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "";

    public string Title { get; init; } = "";

    public string? Body { get; init; }

    public bool Draft { get; init; }

    public bool? Merged { get; init; }

    public DateTimeOffset? MergedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public GitHubUser? User { get; init; }

    public PullRequestBranch Head { get; init; } = new();

    public PullRequestBranch Base { get; init; } = new();

    public string? HtmlUrl { get; init; }

    public int? ChangedFiles { get; init; }

    public int? Additions { get; init; }

    public int? Deletions { get; init; }

    public int? Commits { get; init; }

    public IReadOnlyList<IssueLabel> Labels { get; init; } = [];

    public bool IsMerged => Merged == true || MergedAt is not null;

    public bool IsOpen => string.Equals(State, "open", StringComparison.Ordinal);
}

/// <summary>A label on a pull request or issue.</summary>
public sealed record IssueLabel
{
    public string Name { get; init; } = "";
}

/// <summary>One file of <c>GET …/pulls/{n}/files</c>.</summary>
public sealed record DiffEntry
{
    public string Sha { get; init; } = "";

    public string Filename { get; init; } = "";

    /// <summary><c>added removed modified renamed copied changed unchanged</c>.</summary>
    public string Status { get; init; } = "";

    public int Additions { get; init; }

    public int Deletions { get; init; }

    public int Changes { get; init; }

    /// <summary>The file's hunks; absent for binary files and very large diffs.</summary>
    public string? Patch { get; init; }

    public string? PreviousFilename { get; init; }

    public string? ContentsUrl { get; init; }
}

/// <summary><c>GET /repos/{owner}/{repo}/contents/{path}</c> as JSON.</summary>
public sealed record ContentFile
{
    public string Type { get; init; } = "";

    /// <summary><c>base64</c>, or <c>none</c> for files over 1 MB.</summary>
    public string? Encoding { get; init; }

    public long Size { get; init; }

    public string Name { get; init; } = "";

    public string Path { get; init; } = "";

    public string? Content { get; init; }

    public string? Sha { get; init; }
}
