using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.GitHub.Tests.TestSupport;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.GitHub.Tests.Simulator;

/// <summary>The simulator holds ReviewBot to GitHub's rules; these check the rules themselves, with a bare HttpClient.</summary>
#pragma warning disable CA1001 // xUnit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class GitHubSimulatorTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly GitHubSimulator _simulator;
    private readonly RSA _key = RSA.Create(2048);
    private readonly HttpClient _http = new();

    public GitHubSimulatorTests()
    {
        _simulator = new GitHubSimulator(new GitHubSimulatorOptions { AppPublicKeyPem = _key.ExportSubjectPublicKeyInfoPem(), AppId = 5 });
    }

    public async Task InitializeAsync()
    {
        await _simulator.StartAsync();
        _simulator.AddPersonalToken("t", "someone");
        _simulator.AddInstallation(1);
        _simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 5)));
        _http.BaseAddress = _simulator.BaseAddress;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _key.Dispose();
        await _simulator.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Theory]
    [InlineData("""{"event":"SHIP_IT","body":"x"}""", "is not a member of")]
    [InlineData("""{"event":"COMMENT","body":"x","comments":[{"body":"no path","line":1}]}""", "\"path\" wasn't supplied.")]
    [InlineData("""{"event":"COMMENT","body":"x","comments":[{"path":"src/A.cs","body":"b","line":"1"}]}""", "is not an integer")]
    public async Task CreateReview_AgainstTheRequestSchema_422(string json, string expected)
    {
        var (status, body) = await PostAsync("repos/octo-org/demo/pulls/1/reviews", json);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.StartsWith("Invalid request.", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(expected, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_simulator.GetReviews(Reviews.Repository, 1));
    }

    [Theory]
    [InlineData("src/A.cs", 9, "Pull request review thread line must be part of the diff")]
    [InlineData("src/Nope.cs", 1, "Path could not be resolved")]
    public async Task CreateReview_CommentOutsideTheDiff_422NothingCreated(string path, int line, string error)
    {
        var (status, body) = await PostAsync("repos/octo-org/demo/pulls/1/reviews",
            $$"""{"event":"COMMENT","body":"x","comments":[{"path":"src/A.cs","body":"ok","line":1},{"path":"{{path}}","body":"bad","line":{{line}}}]}""");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(error, body!["errors"]![0]!.GetValue<string>());
        Assert.Empty(_simulator.GetReviews(Reviews.Repository, 1));
    }

    [Fact]
    public async Task CreateReview_SecondPending_RefusedLikeGitHub()
    {
        var first = await PostAsync("repos/octo-org/demo/pulls/1/reviews", """{"comments":[{"path":"src/A.cs","body":"p","line":1}]}""");
        var second = await PostAsync("repos/octo-org/demo/pulls/1/reviews", """{"comments":[{"path":"src/A.cs","body":"p","line":2}]}""");

        Assert.Equal("PENDING", first.Body!["state"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, second.Status);
    }

    [Fact]
    public async Task AccessToken_JwtExpiringTooLate_Refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var jwt = Jwt($$"""{"iat":{{now - 60}},"exp":{{now + 3600}},"iss":"5"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "app/installations/1/access_tokens");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("too far in the future", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_ValidJwt_TokenThatOpensTheApi()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "app/installations/1/access_tokens");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt($$"""{"iat":{{now - 60}},"exp":{{now + 500}},"iss":"5"}"""));

        using var response = await _http.SendAsync(request);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var get = new HttpRequestMessage(HttpMethod.Get, "repos/octo-org/demo/pulls/1");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var pr = await _http.SendAsync(get);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("ghs_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pr.StatusCode);
        Assert.Equal("4999", pr.Headers.GetValues("x-ratelimit-remaining").Single());
    }

    [Fact]
    public async Task UnknownRoute_404AndRecordedAsUnexpected()
    {
        using var response = await _http.GetAsync(new Uri("repos/octo-org/demo/branches", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/repos/octo-org/demo/branches", Assert.Single(_simulator.UnexpectedRequests).Path);
    }

    private string Jwt(string payload)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var input = B64("""{"alg":"RS256","typ":"JWT"}"""u8.ToArray()) + "." + B64(Encoding.UTF8.GetBytes(payload));
        return input + "." + B64(_key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
