using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Tests.Security;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

/// <summary>
/// The LLM critic wired exactly as the host wires it (<see cref="LlmServiceCollectionExtensions.AddReviewBotLlm"/>
/// over in-memory configuration), pointed at a <see cref="FakeOpenAiServer"/> on a loopback port.
/// </summary>
internal sealed class LlmHarness : IAsyncDisposable
{
    /// <summary>A key-shaped value built at run time; tests check it never reaches a prompt or an output.</summary>
    public static readonly string ApiKey = "test-key-" + FakeSecrets.HighEntropy(77, 24);

    private LlmHarness(FakeOpenAiServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
    }

    public FakeOpenAiServer Server { get; }

    public ServiceProvider Services { get; }

    public ICritic Critic => Services.GetRequiredService<ICritic>();

    public static async Task<LlmHarness> StartAsync(Func<FakeOpenAiRequest, FakeOpenAiReply>? script, Action<Dictionary<string, string?>>? configure = null)
    {
        var server = await FakeOpenAiServer.StartAsync(script);
        var settings = new Dictionary<string, string?>
        {
            ["Critic:Endpoint"] = server.BaseAddress.ToString(),
            ["Critic:Model"] = "test-model",
            ["Critic:ApiKey"] = ApiKey,
            ["Critic:MaxRetries"] = "0",
        };
        configure?.Invoke(settings);
        return new LlmHarness(server, BuildServices(settings));
    }

    public static ServiceProvider BuildServices(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.SectionName);

        // What the host registers first; AddReviewBotLlm must replace it when an endpoint is configured.
        services.AddSingleton<ICritic, OfflineCritic>();
        configure?.Invoke(services);
        services.AddReviewBotLlm(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static RankingOptions Search(int n = 4, int k = 2, int d = 4) => new() { SamplesPerRound = n, BeamWidth = k, Rounds = d };

    public Task<ReviewResult> ReviewAsync(ChangeContext context, RankingOptions? ranking = null) =>
        new ReviewPipeline(Critic, new HeuristicRewardModel(), Options.Create(ranking ?? Search()), TimeProvider.System)
            .RunAsync(context, CancellationToken.None, ranking);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Answers in the critique format about <see cref="Core.Tests.Critiques.TestChanges"/>.</summary>
internal static class Answers
{
    public const string Loop = "```csharp src/Orders/OrderService.cs:13-14\nfor (var i = 0; i <= order.Items.Count; i++)\n    total += order.Items[i].Price;\n```\n[bug] Off by one: `<=` reads Items[Count] and throws.\n";

    public const string Clip = "```csharp src/Util/Text.cs:4\npublic static string Clip(string s, int n) => s.Substring(0, n);\n```\n[bug] Throws when n is larger than the string.\n";

    public const string LogLine = "```csharp src/Orders/OrderService.cs:15\nLog(\"computed total for \" + order.Id);\n```\n[security] The order id is logged unescaped.\n";

    public const string Hallucinated = "```csharp src/Orders/OrderService.cs:20\nif (order is null) throw new ArgumentNullException(nameof(order));\n```\n[bug] This check is in the wrong place.\n";

    public static readonly string[] All = [Loop, Clip, LogLine];

    /// <summary>A completions answer continues after the forced opening backticks.</summary>
    public static string AsCompletion(string answer) => answer.StartsWith("```", StringComparison.Ordinal) ? answer[3..] : answer;

    public static string For(FakeOpenAiRequest request, string answer) => request.IsChat ? answer : AsCompletion(answer);

    /// <summary>Each request gets the first answer whose quote is not yet in the critique so far.</summary>
    public static FakeOpenAiReply NextUnquoted(FakeOpenAiRequest request)
    {
        var next = All.FirstOrDefault(a => !request.Prompt.Contains(a[..a.IndexOf('\n', StringComparison.Ordinal)], StringComparison.Ordinal));
        return next is null
            ? FakeOpenAiReply.Text(request.IsChat ? DeterministicCritic.NoFurtherIssues : AsCompletion(Loop))
            : FakeOpenAiReply.Text(For(request, next));
    }
}
