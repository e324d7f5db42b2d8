using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub.Auth;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Tests.TestSupport;

namespace ReviewBot.GitHub.Tests.Auth;

public sealed class AppJwtTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_WithClientId_SignedRs256WithGitHubClaims()
    {
        using var key = RSA.Create(2048);
        using var jwt = new AppJwt(Options.Create(new GitHubOptions { ClientId = "Iv1.abc", AppId = "12", PrivateKey = key.ExportRSAPrivateKeyPem() }), new ManualTimeProvider(Now));

        var parts = jwt.Create().Split('.');

        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Decode(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(Decode(parts[1]));
        var iat = payload.RootElement.GetProperty("iat").GetInt64();
        var exp = payload.RootElement.GetProperty("exp").GetInt64();
        Assert.Equal(Now.AddSeconds(-60).ToUnixTimeSeconds(), iat);
        Assert.True(exp > Now.ToUnixTimeSeconds(), "exp must lie in the future");
        Assert.True(exp - Now.ToUnixTimeSeconds() <= 600, "GitHub refuses exp more than 10 minutes ahead");
        Assert.Equal("Iv1.abc", payload.RootElement.GetProperty("iss").GetString());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Create_WithOnlyAppId_UsesAppIdAsIssuer()
    {
        using var key = RSA.Create(2048);
        using var jwt = new AppJwt(Options.Create(new GitHubOptions { AppId = "123456", PrivateKey = key.ExportPkcs8PrivateKeyPem() }), new ManualTimeProvider(Now));

        using var payload = JsonDocument.Parse(Decode(jwt.Create().Split('.')[1]));

        Assert.Equal("123456", payload.RootElement.GetProperty("iss").GetString());
    }

    [Fact]
    public void Create_WithoutAppCredentials_Throws()
    {
        using var jwt = new AppJwt(Options.Create(new GitHubOptions { Token = "t" }), TimeProvider.System);

        Assert.False(jwt.IsConfigured);
        Assert.Throws<InvalidOperationException>(jwt.Create);
    }

    [Fact]
    public async Task TokenExchange_SimulatorVerifiesJwt_CallsUseInstallationToken()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        var pr = await host.Client.GetPullRequestAsync(host.Call, RepositoryName.Parse(Reviews.Repository), 1, CancellationToken.None);

        Assert.True(pr.IsOk, pr.Describe());
        var requests = host.Simulator.Requests;
        var exchange = Assert.Single(requests, r => r.Path == $"/app/installations/{GitHubTestHost.InstallationId}/access_tokens");
        Assert.Equal(201, exchange.Status);
        Assert.StartsWith("Bearer ey", exchange.Authorization, StringComparison.Ordinal);
        var get = Assert.Single(requests, r => r.Path == "/repos/octo-org/demo/pulls/1");
        Assert.StartsWith("Bearer ghs_", get.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenExchange_KeyNotTheApps_UnauthorizedAndNoSecretLogged()
    {
        using var otherKey = RSA.Create(2048);
        var otherPem = otherKey.ExportRSAPrivateKeyPem();
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App, s => s["GitHub:PrivateKey"] = otherPem);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        var pr = await host.Client.GetPullRequestAsync(host.Call, RepositoryName.Parse(Reviews.Repository), 1, CancellationToken.None);

        Assert.Equal(GitHubStatus.Unauthorized, pr.Status);
        Assert.Contains("credentials", pr.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Simulator.Requests, r => r.Path.StartsWith("/repos/", StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_AppFlow_LogsCarryDeliveryIdButNoToken()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        await host.Client.GetPullRequestAsync(host.Call, RepositoryName.Parse(Reviews.Repository), 1, CancellationToken.None);

        var issued = host.Simulator.Requests.Single(r => r.Path == "/repos/octo-org/demo/pulls/1").Authorization!["Bearer ".Length..];
        var jwt = host.Simulator.Requests.Single(r => r.Path.EndsWith("/access_tokens", StringComparison.Ordinal)).Authorization!["Bearer ".Length..];
        Assert.Contains("DeliveryId=delivery-test", host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(issued, host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, host.Logs.All, StringComparison.Ordinal);
    }

    private static byte[] Decode(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
