using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Simulators.OpenAi;
using ReviewBot.Webhooks;

namespace ReviewBot.Cluster.Tests.Support;

/// <summary>
/// One receiver (<c>serve --role web</c>) and several workers (<c>serve --role worker</c>) on one PostgreSQL database,
/// with the GitHub simulator and an OpenAI-compatible model server (answering after a delay) in this process. Each
/// worker has a token of its own, so the simulator tells which worker made each request.
/// </summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    public const string Repository = "scale/service";
    private const string Secret = "cluster-webhook-secret";
    private static readonly byte[] OpenedTemplate = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "webhooks", "pull_request", "opened.payload.json"));

    private readonly List<ReviewBotProcess> _workers = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("reviewbot-cluster-").FullName;

    private ClusterScenario(string connectionString, GitHubSimulator github, FakeOpenAiServer model)
    {
        ConnectionString = connectionString;
        GitHub = github;
        Model = model;
    }

    public string ConnectionString { get; }

    public GitHubSimulator GitHub { get; }

    public FakeOpenAiServer Model { get; }

    public ReviewBotProcess Web { get; private set; } = null!;

    public IReadOnlyList<ReviewBotProcess> Workers => _workers;

    /// <summary>Starts the simulators, the receiver and <paramref name="workers"/> workers; <paramref name="settings"/> override the defaults.</summary>
    public static async Task<ClusterScenario> StartAsync(string connectionString, int workers, TimeSpan modelLatency, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var github = new GitHubSimulator(new GitHubSimulatorOptions { RateLimit = 1_000_000 });
        await github.StartAsync();
        var model = await FakeOpenAiServer.StartAsync(request => DeterministicCritic.Answer(request) with { Delay = modelLatency });
        var scenario = new ClusterScenario(connectionString, github, model);
        try
        {
            scenario.Web = await ReviewBotProcess.StartAsync("web", ServeRole.Web, scenario.Settings(token: null, settings));
            var started = await Task.WhenAll(Enumerable.Range(1, workers).Select(i =>
            {
                github.AddPersonalToken(WorkerToken(i), "reviewbot-user");
                return ReviewBotProcess.StartAsync($"worker-{i}", ServeRole.Worker, scenario.Settings(WorkerToken(i), settings));
            }));
            scenario._workers.AddRange(started);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    public static string WorkerToken(int worker) => string.Create(CultureInfo.InvariantCulture, $"worker-{worker}-token");

    public static string HeadSha(int number) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("head-" + number.ToString(CultureInfo.InvariantCulture))))[..40];

    /// <summary>Pull requests 1..<paramref name="count"/>, each adding a small C# file with a finding on an added line.</summary>
    public void SeedPullRequests(int count)
    {
        for (var number = 1; number <= count; number++)
        {
            var (patch, file) = Patch(number);
            GitHub.AddPullRequest(new SimulatedPullRequest
            {
                Repository = Repository,
                Number = number,
                HeadSha = HeadSha(number),
                Patch = patch,
                HeadFiles = new Dictionary<string, string> { [PathOf(number)] = file },
                Title = $"Orders: average #{number}",
            });
        }
    }

    /// <summary>
    /// Posts one signed <c>pull_request.opened</c> delivery per pull request, <paramref name="concurrency"/> at a time.
    /// An answer of 503 or a refused connection is retried with the same delivery id, as GitHub's redelivery would.
    /// </summary>
    public async Task<DeliveryTally> DeliverOpenedAsync(IEnumerable<int> numbers, int concurrency, CancellationToken cancellationToken = default)
    {
        var tally = new DeliveryTally();
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (number, ct) =>
        {
            var body = OpenedDelivery(number);
            var id = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                int status;
                try
                {
                    using var request = Signed(body, id);
                    using var response = await _http.SendAsync(request, ct);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                tally.Add(id, status);
                if (status is >= 200 and < 300)
                {
                    return;
                }

                if ((status is not (0 or 503)) || attempt >= 300)
                {
                    throw new InvalidOperationException($"delivery {id} for #{number}: HTTP {status} on attempt {attempt}");
                }

                await Task.Delay(200, ct);
            }
        });
        return tally;
    }

    /// <summary>A delivery to the receiver, signed as GitHub signs it.</summary>
    public HttpRequestMessage Signed(byte[] body, string deliveryId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Web.BaseAddress, WebhookEndpoint.Path.TrimStart('/'))) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, Secret));
        return request;
    }

    public static byte[] OpenedDelivery(int number)
    {
        var payload = JsonNode.Parse(OpenedTemplate)!;
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        payload["pull_request"]!["head"]!["sha"] = HeadSha(number);
        payload["repository"]!["full_name"] = Repository;
        payload["repository"]!["name"] = "service";
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    /// <summary>Reviews the simulator holds, per pull request 1..<paramref name="count"/>.</summary>
    public IReadOnlyList<SimulatedReview>[] Reviews(int count) =>
        [.. Enumerable.Range(1, count).Select(n => GitHub.GetReviews(Repository, n))];

    /// <summary>The review posts GitHub received, oldest first, with the pull request number and who sent them.</summary>
    public IReadOnlyList<(int Number, string Token, long Timestamp)> ReviewPosts() =>
        [.. GitHub.Requests
            .Where(static r => r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal) && r.Status is 200 or 201)
            .Select(static r => (Number(r.Path), TokenOf(r), r.Timestamp))];

    /// <summary>Waits until every pull request has a review and the job store holds no review trigger and no review firing.</summary>
    public async Task WaitUntilDoneAsync(int count, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var reviewed = Reviews(count).Count(static r => r.Count > 0);
            var (triggers, firing) = (-1L, -1L);
            if (reviewed == count)
            {
                try
                {
                    (triggers, firing) = await QueueDepthAsync();
                    if (triggers == 0 && firing == 0)
                    {
                        return;
                    }
                }
                catch (NpgsqlException)
                {
                    // The database is restarting; look again.
                }
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"{reviewed}/{count} pull requests reviewed, {triggers} trigger(s) and {firing} firing(s) left after {limit}.\n{Diagnostics()}");
            }

            await Task.Delay(250);
        }
    }

    public async Task<(long Triggers, long Firing)> QueueDepthAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Review jobs only: the feedback poll keeps a recurring trigger of its own for as long as the cluster lives.
        return (
            await ScalarAsync(connection, "SELECT COUNT(*) FROM qrtz_triggers WHERE job_group = 'reviews'"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_group = 'reviews'"));
    }

    /// <summary>A count from ReviewBot's own tables.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }

    /// <summary>The last lines every process printed.</summary>
    public string Diagnostics() =>
        string.Join("\n", new[] { Web }.Concat(_workers).Where(static p => p is not null).Select(static p => $"--- {p.Name} (exited: {p.HasExited}) ---\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _workers.Append(Web).Where(static p => p is not null))
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        await Model.DisposeAsync();
        await GitHub.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; cleaned by the system.
        }
    }

    private Dictionary<string, string?> Settings(string? token, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 20 }.ConnectionString,
            ["Storage:DataDirectory"] = _dataDirectory,
            ["GitHub:WebhookSecret"] = Secret,
            ["GitHub:ApiBaseUrl"] = GitHub.BaseAddress.ToString(),
            ["GitHub:Token"] = token,
            ["GitHub:MinWriteInterval"] = "00:00:00.010",
            ["GitHub:RetryBaseDelay"] = "00:00:00.200",
            ["Critic:Endpoint"] = Model.BaseAddress.ToString(),
            ["Critic:Model"] = "simulated-critic",
            ["Critic:Mode"] = "Chat",

            // A short search (about four model requests per review): the cluster is under test here, not FSBS.
            ["Ranking:Rounds"] = "2",
            ["Ranking:SamplesPerRound"] = "2",
            ["Ranking:BeamWidth"] = "1",

            // The stand-in model's generic comments rate just below nothing with the shipped reward model: post them anyway.
            ["Ranking:LengthModifier"] = "1",
            ["Ranking:MinScore"] = "-10",
            ["Jobs:Concurrency"] = "4",
            ["Jobs:RetryDelay"] = "00:00:00.500",
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
            ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
            ["Jobs:DbRetryInterval"] = "00:00:01",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string PathOf(int number) => string.Create(CultureInfo.InvariantCulture, $"src/Orders/Average{number}.cs");

    private static (string Patch, string File) Patch(int number)
    {
        string[] lines =
        [
            "namespace Shop.Orders;",
            "",
            $"public static class Average{number}",
            "{",
            "    public static int Of(int total, int count)",
            "    {",
            "        var result = total / count;",
            "        result = result;",
            "        return result;",
            "    }",
            "}",
        ];
        var path = PathOf(number);
        var patch = new StringBuilder()
            .Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n')
            .Append("new file mode 100644\n--- /dev/null\n+++ b/").Append(path).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"@@ -0,0 +1,{lines.Length} @@\n");
        foreach (var line in lines)
        {
            patch.Append('+').Append(line).Append('\n');
        }

        return (patch.ToString(), string.Join('\n', lines) + "\n");
    }

    private static int Number(string path)
    {
        // /repos/{owner}/{repo}/pulls/{number}/reviews
        var parts = path.Split('/');
        return int.Parse(parts[^2], CultureInfo.InvariantCulture);
    }

    public static string TokenOf(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Authorization ?? "";
        var space = header.LastIndexOf(' ');
        return space >= 0 ? header[(space + 1)..] : header;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReviewBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ReviewBot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Every answer the receiver gave, per delivery id.</summary>
internal sealed class DeliveryTally
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new(StringComparer.Ordinal);

    public static DeliveryTally Merge(params DeliveryTally[] tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var merged = new DeliveryTally();
        foreach (var (id, answers) in tallies.SelectMany(static t => t._answers))
        {
            foreach (var status in answers)
            {
                merged.Add(id, status);
            }
        }

        return merged;
    }

    public void Add(string deliveryId, int status) => _answers.GetOrAdd(deliveryId, static _ => new ConcurrentQueue<int>()).Enqueue(status);

    public int Deliveries => _answers.Count;

    public int Accepted => _answers.Count(static a => a.Value.Any(static s => s is >= 200 and < 300));

    /// <summary>How many answers had this status (0: the connection failed).</summary>
    public int Answers(int status) => _answers.Values.Sum(q => q.Count(s => s == status));
}
