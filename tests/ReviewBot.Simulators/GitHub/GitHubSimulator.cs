using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>
/// A local stand-in for GitHub's REST API, speaking its wire format over real HTTP: pull requests, diffs, files,
/// contents, reviews, review comments, reactions, check runs and App installation tokens. Tests seed it, point
/// ReviewBot at <see cref="BaseAddress"/>, inject faults, and inspect what was sent.
/// </summary>
public sealed partial class GitHubSimulator(GitHubSimulatorOptions? options = null) : IAsyncDisposable
{
    internal const string RecordKey = "sim.record";
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(FaultRule Rule, int Left)> _faults = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _sequence;

    public GitHubSimulatorOptions Options { get; } = options ?? new GitHubSimulatorOptions();

    internal SimulatorState State { get; } = new();

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Options.Urls);
        builder.WebHost.ConfigureKestrel(static k => k.Limits.MaxRequestBodySize = 30L * 1024 * 1024);
        var app = builder.Build();
        var middleware = new SimulatorMiddleware(this);
        app.Use(middleware.InvokeAsync);
        SimulatorEndpoints.Map(app, this);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app?.WaitForShutdownAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests no endpoint knew; a test that expects none should assert this is empty.</summary>
    public IReadOnlyList<RecordedRequest> UnexpectedRequests => [.. Requests.Where(static r => r.Unexpected)];

    public void ClearRequests()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    internal RecordedRequest Record(RecordedRequest request)
    {
        var numbered = request with { Sequence = Interlocked.Increment(ref _sequence) };
        lock (_requests)
        {
            _requests.Add(numbered);
        }

        return numbered;
    }

    /// <summary>Adds a fault for the next matching request(s).</summary>
    public void InjectFault(FaultRule fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_faults)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    internal FaultRule? TakeFault(string method, string path)
    {
        lock (_faults)
        {
            var index = _faults.FindIndex(f => f.Left > 0 && f.Rule.Matches(method, path));
            if (index < 0)
            {
                return null;
            }

            var (rule, left) = _faults[index];
            _faults[index] = (rule, left - 1);
            return rule;
        }
    }

    /// <summary>Seeds a pull request (and its repository, files and first push).</summary>
    public void AddPullRequest(SimulatedPullRequest pullRequest)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var push = ParsePush(pullRequest.HeadSha, pullRequest.Patch);
        var now = Options.TimeProvider.GetUtcNow();
        lock (State.Gate)
        {
            var repo = State.Repository(pullRequest.Repository);
            repo.AddFiles(pullRequest.BaseSha, Utf8(pullRequest.BaseFiles));
            repo.AddFiles(pullRequest.HeadSha, Utf8(pullRequest.HeadFiles));
            if (pullRequest.HeadRepository is not null)
            {
                State.Repository(pullRequest.HeadRepository);
            }

            var pr = new SimPullRequest
            {
                Repository = repo,
                Number = pullRequest.Number,
                Id = State.NextId(),
                Title = pullRequest.Title,
                Body = pullRequest.Body,
                Author = pullRequest.Author,
                State = pullRequest.State,
                Merged = pullRequest.Merged,
                Draft = pullRequest.Draft,
                Labels = pullRequest.Labels,
                BaseRef = pullRequest.BaseRef,
                HeadRef = pullRequest.HeadRef,
                BaseSha = pullRequest.BaseSha,
                HeadRepository = pullRequest.HeadRepository,
                DiffTooLarge = pullRequest.DiffTooLarge,
                DiffOverride = pullRequest.DiffOverride,
                CreatedAt = now,
                UpdatedAt = now,
                ClosedAt = pullRequest.State == "closed" ? now : null,
            };
            pr.Pushes.Add(push);
            State.PullRequests[SimulatorState.Key(pullRequest.Repository, pullRequest.Number)] = pr;
        }
    }

    /// <summary>A new push to the pull request: its head becomes <paramref name="headSha"/> with diff <paramref name="patch"/>.</summary>
    public void Push(string repository, int number, string headSha, string patch, IReadOnlyDictionary<string, string>? headFiles = null)
    {
        var push = ParsePush(headSha, patch);
        lock (State.Gate)
        {
            var pr = Pull(repository, number);
            pr.Pushes.Add(push);
            pr.UpdatedAt = Options.TimeProvider.GetUtcNow();
            pr.Repository.AddFiles(headSha, Utf8(headFiles ?? new Dictionary<string, string>()));
        }
    }

    /// <summary>Closes the pull request, merged or not.</summary>
    public void Close(string repository, int number, bool merged)
    {
        lock (State.Gate)
        {
            var pr = Pull(repository, number);
            pr.State = "closed";
            pr.Merged = merged;
            pr.ClosedAt = Options.TimeProvider.GetUtcNow();
        }
    }

    /// <summary>Adds a file (any bytes) to <paramref name="repository"/> at commit <paramref name="sha"/>.</summary>
    public void AddFile(string repository, string sha, string path, byte[] content)
    {
        lock (State.Gate)
        {
            State.Repository(repository).AddFiles(sha, [new(path, content)]);
        }
    }

    /// <summary>Makes GitHub disagree with a diff it serves: a comment on this line is refused with 422.</summary>
    public void RejectCommentsOn(string path, int line)
    {
        lock (State.Gate)
        {
            State.RejectedLines.Add((path, line));
        }
    }

    /// <summary>Registers an App installation that may be given tokens.</summary>
    public void AddInstallation(long installationId, bool suspended = false, params string[] repositories)
    {
        lock (State.Gate)
        {
            State.Installations[installationId] = new SimInstallation(installationId, suspended, repositories);
        }
    }

    /// <summary>Revokes every installation token issued so far: the next request with one gets 401.</summary>
    public void RevokeInstallationTokens()
    {
        lock (State.Gate)
        {
            State.Tokens.Clear();
        }
    }

    /// <summary>How many installation tokens were issued.</summary>
    public int IssuedTokenCount => Requests.Count(static r => r.Path.EndsWith("/access_tokens", StringComparison.Ordinal) && r.Status == 201);

    /// <summary>Accepts <paramref name="token"/> as a personal access token of <paramref name="login"/>.</summary>
    public void AddPersonalToken(string token, string login)
    {
        lock (State.Gate)
        {
            State.PersonalTokens[token] = login;
        }
    }

    internal SimCaller? Identify(string token)
    {
        lock (State.Gate)
        {
            if (State.Tokens.TryGetValue(token, out var issued))
            {
                return issued.ExpiresAt > Options.TimeProvider.GetUtcNow()
                    ? new SimCaller(Options.BotLogin, "Bot", "installation:" + issued.InstallationId, issued.InstallationId)
                    : null;
            }

            return State.PersonalTokens.TryGetValue(token, out var login) ? new SimCaller(login, "User", "user:" + login, null) : null;
        }
    }

    internal SimPullRequest Pull(string repository, int number) =>
        State.PullRequests.GetValueOrDefault(SimulatorState.Key(repository, number))
        ?? throw new InvalidOperationException($"No pull request {repository}#{number} in the simulator");

    private static SimPush ParsePush(string sha, string patch)
    {
        var parsed = UnifiedDiffParser.Parse(patch);
        if (!parsed.IsSuccess)
        {
            throw new ArgumentException($"The patch is not a unified diff: {parsed.Error}", nameof(patch));
        }

        return new SimPush(sha, DiffRendering.Whole(parsed.Diff!), parsed.Diff!);
    }

    private static IEnumerable<KeyValuePair<string, byte[]>> Utf8(IReadOnlyDictionary<string, string> files) =>
        files.Select(static f => new KeyValuePair<string, byte[]>(f.Key, Encoding.UTF8.GetBytes(f.Value)));

    internal static string NewToken() => "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));

    internal static void MarkUnexpected(HttpContext http)
    {
        if (http.Items[RecordKey] is RecordedRequest record)
        {
            record.Unexpected = true;
        }
    }
}
