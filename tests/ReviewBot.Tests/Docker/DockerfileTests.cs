using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace ReviewBot.Tests.Docker;

/// <summary>
/// Docker cannot run here, so this does what the image does: publishes the app with the Dockerfile's own publish
/// line, then starts the published app with the final stage's ENTRYPOINT, ENV and WORKDIR (the data directory and the
/// listening address moved to a temporary folder and a loopback port), and checks it serves, reviews, and finds the
/// ONNX Runtime library and the analyzers in its own folder.
/// </summary>
public sealed class DockerfileTests(ITestOutputHelper output)
{
    private const string Secret = "docker-test-secret";
    private const string Token = "docker-test-token";

    [Fact]
    public async Task Image_PublishedAndStartedAsTheDockerfileSays_ServesReviewsWithOnnxAndAnalyzers()
    {
        var dockerfile = DockerfileModel.Load(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        AssertImageShape(dockerfile);
        using var work = new TempDirectory();
        var app = Path.Combine(work.Path, "app");
        var data = Path.Combine(work.Path, "data");
        Directory.CreateDirectory(data);

        var publish = dockerfile.PublishArguments().ToList();
        publish[publish.IndexOf("-o") + 1] = app;
        var published = await RunAsync("dotnet", ["publish", .. publish], RepositoryPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(15));
        Assert.True(published.ExitCode == 0, published.Output);
        Assert.True(File.Exists(Path.Combine(app, "libonnxruntime.so.1")), "the ONNX Runtime library is published");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app, "analyzers"), "*.dll", SearchOption.AllDirectories));

        // A reward model file: `rm info` loads it with the published ONNX Runtime library.
        var model = Path.Combine(work.Path, "reward-model.onnx");
        await File.WriteAllBytesAsync(model, OnnxModelWriter.WriteLinear(new float[CritiqueFeatureExtractor.Dimension], 0, RewardModelContract.SchemaMetadata(CritiqueFeatureExtractor.Schema)));
        var (entry, entryArguments, workdir, environment) = Command(dockerfile, app);
        var info = await RunAsync(entry, [.. entryArguments.Take(entryArguments.Count - 1), "rm", "info", model], workdir, environment, TimeSpan.FromMinutes(2));
        Assert.True(info.ExitCode == 0, info.Output);

        await using var github = new GitHubSimulator();
        await github.StartAsync();
        github.AddPersonalToken(Token, "reviewbot-user");
        github.AddPullRequest(new SimulatedPullRequest
        {
            Repository = PullRequestFixture.Repository,
            Number = PullRequestFixture.Number,
            HeadSha = PullRequestFixture.HeadSha,
            Patch = RethrowPatch,
        });
        var port = FreePort();
        var serveEnvironment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Storage__DataDirectory"] = data,
            ["GitHub__WebhookSecret"] = Secret,
            ["GitHub__ApiBaseUrl"] = github.BaseAddress.ToString(),
            ["GitHub__Token"] = Token,
            ["GitHub__MinWriteInterval"] = "00:00:00.050",
            ["Ranking__ModelPath"] = model,
        };
        using var server = Start(entry, entryArguments, workdir, serveEnvironment);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilAsync(async () => (await TryGetAsync(http, "healthz")) == HttpStatusCode.OK, server, "/healthz");
            Assert.Equal(HttpStatusCode.OK, await TryGetAsync(http, "readyz"));

            var body = PullRequestFixture.OpenedDelivery();
            using var delivery = SignedDelivery.Create(body, "pull_request", secret: Secret);
            using var response = await http.SendAsync(delivery);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await WaitUntilAsync(() => Task.FromResult(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number).Count > 0), server, "the review");

            var review = Assert.Single(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number));
            Assert.Contains(review.Comments, static c => c.Body.Contains("CA2200", StringComparison.Ordinal));
            await WaitUntilAsync(() => Task.FromResult(StoredRewardModel(data).Length > 0), server, "the review to be stored");
            Assert.StartsWith("onnx:", StoredRewardModel(data), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            output.WriteLine(await server.StandardOutput.ReadToEndAsync());
            output.WriteLine(await server.StandardError.ReadToEndAsync());
        }
    }

    /// <summary>What the image must be: multi-stage, non-root, a data volume, a health check on /healthz, serve on the exposed port.</summary>
    private static void AssertImageShape(DockerfileModel dockerfile)
    {
        Assert.True(dockerfile.StageCount >= 2, "multi-stage: the SDK builds, the runtime runs");
        Assert.Contains("sdk", dockerfile.Instructions.First(static i => i.Keyword == "FROM").Arguments, StringComparison.Ordinal);
        Assert.Contains("aspnet", dockerfile.Instructions.Last(static i => i.Keyword == "FROM").Arguments, StringComparison.Ordinal);
        var user = Assert.Single(dockerfile.FinalInstructions("USER"));
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        var environment = dockerfile.Environment();
        Assert.Contains(environment["Storage__DataDirectory"], Assert.Single(dockerfile.FinalInstructions("VOLUME")), StringComparison.Ordinal);
        var port = new Uri(environment["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(dockerfile.FinalInstructions("EXPOSE")));
        Assert.Contains($":{port}/healthz", Assert.Single(dockerfile.FinalInstructions("HEALTHCHECK")), StringComparison.Ordinal);
        Assert.Equal("serve", dockerfile.EntryPoint()[^1]);
        Assert.Equal("Release", dockerfile.PublishOption("-c"));
    }

    /// <summary>The entry point with the image's paths (<c>WORKDIR</c>, the publish folder) mapped onto <paramref name="app"/>.</summary>
    private static (string File, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment) Command(DockerfileModel dockerfile, string app)
    {
        var imageApp = dockerfile.PublishOption("-o").TrimEnd('/');
        string Map(string value) => value.StartsWith(imageApp + "/", StringComparison.Ordinal) ? Path.Combine(app, value[(imageApp.Length + 1)..]) : value;
        var entry = dockerfile.EntryPoint().Select(Map).ToList();
        var workdir = Map(dockerfile.FinalInstructions("WORKDIR").Last() + "/");
        return (entry[0], entry[1..], workdir, dockerfile.Environment());
    }

    private static Process Start(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Start(file, arguments, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Polls until <paramref name="done"/>; fails at once if the server process exits. The time limit only ends a hung test.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> done, Process server, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!await done())
        {
            Assert.False(server.HasExited, $"the server exited while waiting for {what}");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string StoredRewardModel(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "reviewbot.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reward_model FROM reviews WHERE reward_model IS NOT NULL ORDER BY id DESC LIMIT 1";
        return command.ExecuteScalar() as string ?? "";
    }

    /// <summary>A change only an analyzer catches (CA2200: <c>throw ex;</c> loses the stack trace).</summary>
    private const string RethrowPatch =
        """
        diff --git a/src/Inventory/Importer.cs b/src/Inventory/Importer.cs
        new file mode 100644
        index 0000000..2222222
        --- /dev/null
        +++ b/src/Inventory/Importer.cs
        @@ -0,0 +1,19 @@
        +using System;
        +
        +namespace Inventory;
        +
        +public static class Importer
        +{
        +    public static int Parse(string text)
        +    {
        +        try
        +        {
        +            return int.Parse(text);
        +        }
        +        catch (FormatException ex)
        +        {
        +            Console.Error.WriteLine(ex.Message);
        +            throw ex;
        +        }
        +    }
        +}

        """;
}
