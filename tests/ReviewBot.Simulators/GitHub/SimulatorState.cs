using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>Everything the simulator knows. One lock guards it all: the simulator favours being obviously right.</summary>
internal sealed class SimulatorState
{
    private long _nextId = 1000;

    public object Gate { get; } = new();

    public Dictionary<string, SimRepository> Repositories { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<(string Repository, int Number), SimPullRequest> PullRequests { get; } = [];

    public List<SimReview> Reviews { get; } = [];

    public List<SimComment> Comments { get; } = [];

    public List<SimIssueComment> IssueComments { get; } = [];

    public List<SimCheckRun> CheckRuns { get; } = [];

    public Dictionary<long, SimInstallation> Installations { get; } = [];

    public Dictionary<string, SimToken> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> PersonalTokens { get; } = new(StringComparer.Ordinal);

    public List<(string Path, int Line)> RejectedLines { get; } = [];

    /// <summary>author_association by login, for comments listed; unknown people are OWNER, bots NONE.</summary>
    public Dictionary<string, string> Associations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public long NextId() => Interlocked.Increment(ref _nextId);

    public SimRepository Repository(string fullName)
    {
        if (!Repositories.TryGetValue(fullName, out var repo))
        {
            var slash = fullName.IndexOf('/', StringComparison.Ordinal);
            repo = new SimRepository(NextId(), fullName[..slash], fullName[(slash + 1)..]);
            Repositories[fullName] = repo;
        }

        return repo;
    }

    public SimPullRequest? FindPull(string owner, string repo, int number) =>
        PullRequests.GetValueOrDefault(($"{owner}/{repo}".ToUpperInvariant(), number));

    public static (string, int) Key(string repository, int number) => (repository.ToUpperInvariant(), number);
}

internal sealed class SimRepository(long id, string owner, string name)
{
    public long Id { get; } = id;

    public string Owner { get; } = owner;

    public string Name { get; } = name;

    public string FullName => $"{Owner}/{Name}";

    /// <summary>Files by commit SHA, then path. A fork's commits are readable from its base repository too, as on GitHub.</summary>
    public Dictionary<string, Dictionary<string, byte[]>> Commits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void AddFiles(string sha, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        if (!Commits.TryGetValue(sha, out var tree))
        {
            tree = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            Commits[sha] = tree;
        }

        foreach (var (path, bytes) in files)
        {
            tree[path] = bytes;
        }
    }
}

internal sealed record SimPush(string Sha, string DiffText, UnifiedDiff Diff);

internal sealed class SimPullRequest
{
    public required SimRepository Repository { get; init; }

    public required int Number { get; init; }

    public required long Id { get; init; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public required string Author { get; init; }

    public required string State { get; set; }

    public bool Merged { get; set; }

    public bool Draft { get; set; }

    public required string BaseRef { get; init; }

    public required string HeadRef { get; init; }

    public required string BaseSha { get; set; }

    public string? HeadRepository { get; init; }

    public bool DiffTooLarge { get; set; }

    public string? DiffOverride { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<SimPush> Pushes { get; } = [];

    public SimPush Head => Pushes[^1];

    public SimPush? FindPush(string sha) => Pushes.Find(p => string.Equals(p.Sha, sha, StringComparison.OrdinalIgnoreCase));
}

internal sealed class SimReview
{
    public required long Id { get; init; }

    public required SimPullRequest PullRequest { get; init; }

    public required string UserLogin { get; init; }

    public required string UserType { get; init; }

    public string? Body { get; set; }

    public required string State { get; set; }

    public required string CommitId { get; init; }

    public DateTimeOffset? SubmittedAt { get; set; }
}

internal sealed class SimComment
{
    public required long Id { get; init; }

    public long? ReviewId { get; init; }

    public required SimPullRequest PullRequest { get; init; }

    public required string Path { get; init; }

    public int? Line { get; init; }

    public int? StartLine { get; init; }

    public string? Side { get; init; }

    public string? StartSide { get; init; }

    public required string CommitId { get; init; }

    public required string Body { get; set; }

    public required string UserLogin { get; init; }

    public required string UserType { get; init; }

    public long? InReplyTo { get; init; }

    public string SubjectType { get; init; } = "line";

    public string DiffHunk { get; init; } = "";

    public required DateTimeOffset CreatedAt { get; init; }

    public List<SimReaction> Reactions { get; } = [];

    /// <summary>Visible to others only once its review is submitted.</summary>
    public bool Pending { get; set; }
}

internal sealed class SimIssueComment
{
    public required long Id { get; init; }

    public required SimPullRequest PullRequest { get; init; }

    public required string Body { get; init; }

    public required string UserLogin { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public List<SimReaction> Reactions { get; } = [];
}

internal sealed record SimReaction(long Id, string Content, string UserLogin, DateTimeOffset CreatedAt);

internal sealed class SimCheckRun
{
    public required long Id { get; init; }

    public required SimRepository Repository { get; init; }

    public required string Name { get; set; }

    public required string HeadSha { get; init; }

    public string Status { get; set; } = "queued";

    public string? Conclusion { get; set; }

    public string? ExternalId { get; set; }

    public string? DetailsUrl { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Text { get; set; }
}

internal sealed record SimInstallation(long Id, bool Suspended, IReadOnlyCollection<string> Repositories);

internal sealed record SimToken(string Value, long InstallationId, DateTimeOffset ExpiresAt);

/// <summary>Who is calling: from the Authorization header.</summary>
internal sealed record SimCaller(string Login, string Type, string RateKey, long? InstallationId)
{
    public static SimCaller Anonymous { get; } = new("", "Anonymous", "anonymous", null);

    public bool IsAnonymous => Type == "Anonymous";
}
