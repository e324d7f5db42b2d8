using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Pipeline;

/// <summary>The pull request a change belongs to, when there is one. Title and body are untrusted text.</summary>
public sealed record PullRequestInfo
{
    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    public required int Number { get; init; }

    public required string HeadSha { get; init; }

    public string? BaseSha { get; init; }

    public string Title { get; init; } = "";

    public string? Body { get; init; }

    public string? Author { get; init; }

    public bool IsDraft { get; init; }

    /// <summary>The names of the pull request's labels.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>Everything a critic may look at for one change.</summary>
public sealed record ChangeContext
{
    public required UnifiedDiff Diff { get; init; }

    public PullRequestInfo? PullRequest { get; init; }

    /// <summary>Whole files before and after the change, when they can be had (a local repository, the GitHub API).</summary>
    public IFileSource Files { get; init; } = EmptyFileSource.Instance;

    /// <summary>
    /// Files of the change left out of <see cref="Diff"/> (binary, generated, vendored, lock files, over the size
    /// budget), so the review can say what it did not look at instead of silently cutting a large pull request.
    /// </summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>On a later push: what changed since the last reviewed commit. Null for a full review.</summary>
    public ReviewIncrement? Increment { get; init; }

    /// <summary>
    /// Guidance from the repository's maintainers for files of this change, taken from ReviewBot's configuration on
    /// the base branch (never from the pull request itself). The LLM critic shows it to the model as such.
    /// </summary>
    public IReadOnlyList<MaintainerGuidance> Guidance { get; init; } = [];

    /// <summary>True when a comment on these lines is in scope: any line for a full review, only changed ones for an incremental one.</summary>
    public bool IsInFocus(string path, int startLine, int endLine) => Increment?.Touches(path, startLine, endLine) ?? true;
}

/// <summary>Maintainers' guidance (<paramref name="Text"/>) for the files of the change at <paramref name="Paths"/>.</summary>
public sealed record MaintainerGuidance(IReadOnlyList<string> Paths, string Text);

/// <summary>A file of the change the critic did not see, and why (e.g. "generated", "over the size budget").</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>Reads whole files on either side of a change.</summary>
public interface IFileSource
{
    /// <summary>The file at the head of the change, or null when it does not exist there or cannot be read.</summary>
    ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken);

    /// <summary>The file at the base of the change, or null when it does not exist there or cannot be read.</summary>
    ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken);
}

/// <summary>A file source that knows no files: critics fall back to what the diff shows.</summary>
public sealed class EmptyFileSource : IFileSource
{
    public static EmptyFileSource Instance { get; } = new();

    public ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
