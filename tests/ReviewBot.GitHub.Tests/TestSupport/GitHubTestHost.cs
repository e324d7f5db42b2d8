using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewBot.GitHub.Rest;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.GitHub.Tests.TestSupport;

/// <summary>How the client side authenticates in a test.</summary>
internal enum TestAuth
{
    Anonymous,
    Token,
    App,
}

/// <summary>
/// A GitHub simulator on a loopback port and ReviewBot's GitHub services pointed at it, wired with
/// <c>AddReviewBotGitHub</c> exactly as the host wires them. Budgets are shrunk so tests stay quick:
/// the one-minute secondary back-off becomes 60 ms (scale 0.001), writes are 50 ms apart unless a test asks for more.
/// </summary>
internal sealed class GitHubTestHost : IAsyncDisposable
{
    public const string Token = "ghp_reviewbot_test_token";
    public const long InstallationId = 4242;

    private GitHubTestHost(GitHubSimulator simulator, ServiceProvider services, RSA? appKey, LogCollector logs)
    {
        Simulator = simulator;
        Services = services;
        AppKey = appKey;
        Logs = logs;
    }

    public GitHubSimulator Simulator { get; }

    public ServiceProvider Services { get; }

    public RSA? AppKey { get; }

    public LogCollector Logs { get; }

    public GitHubRestClient Client => Services.GetRequiredService<GitHubRestClient>();

    public GitHubCall Call { get; private init; } = GitHubCall.Anonymous;

    /// <summary>Set by a test that sends a request the simulator does not know on purpose.</summary>
    public bool AllowUnexpectedRequests { get; set; }

    public static async Task<GitHubTestHost> StartAsync(
        TestAuth auth = TestAuth.Token,
        Action<Dictionary<string, string?>>? configure = null,
        Action<GitHubSimulatorOptions>? simulator = null)
    {
        var simOptions = new GitHubSimulatorOptions();
        RSA? key = null;
        if (auth == TestAuth.App)
        {
            key = RSA.Create(2048);
            simOptions.AppPublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
            simOptions.AppId = 777;
            simOptions.ClientId = "Iv1.reviewbottest";
        }

        simulator?.Invoke(simOptions);
        var sim = new GitHubSimulator(simOptions);
        await sim.StartAsync();
        sim.AddPersonalToken(Token, "reviewbot-user");
        sim.AddInstallation(InstallationId, suspended: false, "octo-org/demo");

        var settings = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = sim.BaseAddress.ToString(),
            ["GitHub:MinWriteInterval"] = "00:00:00.050",
            ["GitHub:RetryBaseDelay"] = "00:00:00.010",
            ["GitHub:RateLimitBackoffScale"] = "0.001",
            ["GitHub:RequestTimeout"] = "00:00:05",
            ["GitHub:UserAgent"] = "ReviewBot-Tests",
        };
        if (auth == TestAuth.Token)
        {
            settings["GitHub:Token"] = Token;
        }
        else if (auth == TestAuth.App)
        {
            settings["GitHub:ClientId"] = simOptions.ClientId;
            settings["GitHub:AppId"] = simOptions.AppId.ToString(CultureInfo.InvariantCulture);
            settings["GitHub:PrivateKey"] = key!.ExportRSAPrivateKeyPem();
            settings["GitHub:BotLogin"] = simOptions.BotLogin;
        }

        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new LogCollector();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddReviewBotGitHub(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new GitHubTestHost(sim, services, key, logs)
        {
            Call = auth == TestAuth.App ? new GitHubCall(InstallationId, "delivery-test") : new GitHubCall(null, "delivery-test"),
        };
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Stops both sides; fails the test if the client sent a request GitHub would not know (or the simulator broke).</summary>
    public async ValueTask DisposeAsync()
    {
        var unexpected = Simulator.UnexpectedRequests;
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
        AppKey?.Dispose();
        if (unexpected.Count > 0 && !AllowUnexpectedRequests)
        {
            throw new InvalidOperationException("Unexpected requests: " + string.Join("; ", unexpected.Select(r => $"{r.Method} {r.Path}{r.Query} {r.Error}")));
        }
    }
}
