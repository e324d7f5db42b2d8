namespace ReviewBot.Simulators.GitHub;

/// <summary>A pull request to seed the simulator with: its diff as patch text and the whole files on each side.</summary>
public sealed record SimulatedPullRequest
{
    /// <summary><c>owner/name</c> of the base repository.</summary>
    public required string Repository { get; init; }

    public required int Number { get; init; }

    /// <summary>The change, as <c>git diff</c> or <c>git format-patch</c> prints it.</summary>
    public required string Patch { get; init; }

    public string BaseSha { get; init; } = new('b', 40);

    public string HeadSha { get; init; } = new('a', 40);

    /// <summary>Whole files at <see cref="BaseSha"/>, served by the contents API.</summary>
    public IReadOnlyDictionary<string, string> BaseFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Whole files at <see cref="HeadSha"/>, served by the contents API.</summary>
    public IReadOnlyDictionary<string, string> HeadFiles { get; init; } = new Dictionary<string, string>();

    public string Title { get; init; } = "Simulated pull request";

    public string? Body { get; init; }

    public string Author { get; init; } = "octocat";

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "open";

    public bool Merged { get; init; }

    public bool Draft { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string BaseRef { get; init; } = "main";

    public string HeadRef { get; init; } = "feature";

    /// <summary>The head repository when the pull request comes from a fork; null for the base repository.</summary>
    public string? HeadRepository { get; init; }

    /// <summary>Answer the <c>.diff</c> media type with GitHub's 406 "diff too large".</summary>
    public bool DiffTooLarge { get; init; }

    /// <summary>Serve this text as the <c>.diff</c> instead of the parsed patch (to test what a broken diff does).</summary>
    public string? DiffOverride { get; init; }
}

/// <summary>A review as the simulator holds it.</summary>
public sealed record SimulatedReview(long Id, string State, string? Body, string CommitId, string UserLogin, IReadOnlyList<SimulatedReviewComment> Comments);

/// <summary>A review comment as the simulator holds it.</summary>
public sealed record SimulatedReviewComment(
    long Id, long? ReviewId, string Path, int? Line, int? StartLine, string? Side, string Body, long? InReplyTo, string SubjectType, string CommitId, string UserLogin);

/// <summary>A check run as the simulator holds it.</summary>
public sealed record SimulatedCheckRun(long Id, string Name, string HeadSha, string Status, string? Conclusion, string? Title, string? Summary);

/// <summary>One request the simulator received, and what it answered.</summary>
public sealed record RecordedRequest
{
    public required long Sequence { get; init; }

    /// <summary>When it arrived (the simulator's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Monotonic arrival timestamp (<see cref="TimeProvider.GetTimestamp"/>), for measuring gaps.</summary>
    public required long Timestamp { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string Query { get; init; } = "";

    public string? Accept { get; init; }

    public string? Authorization { get; init; }

    public string? IfNoneMatch { get; init; }

    public string? ApiVersion { get; init; }

    public string? UserAgent { get; init; }

    public string? Body { get; init; }

    public int Status { get; set; }

    /// <summary>No endpoint of the simulator knows this request.</summary>
    public bool Unexpected { get; set; }

    /// <summary>An exception the simulator itself threw while answering (a simulator bug).</summary>
    public string? Error { get; set; }

    /// <summary>The injected fault that answered it, if any.</summary>
    public FaultKind? Fault { get; set; }

    public bool IsWrite => Method is "POST" or "PATCH" or "PUT" or "DELETE";
}
