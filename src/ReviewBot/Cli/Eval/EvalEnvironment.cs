using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Ranking;
using ReviewBot.Llm;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Cli.Eval;

/// <summary>Which critic the evaluation runs.</summary>
public enum EvalCritic
{
    /// <summary>The offline Roslyn critic (default; deterministic, no network).</summary>
    Offline,

    /// <summary>The LLM critic configured under <c>Critic</c> (or with <c>--llm-endpoint</c>/<c>--llm-model</c>).</summary>
    Llm,
}

/// <summary>
/// The services an evaluation reviews with: exactly those of <c>reviewbot review</c> (built from the same
/// configuration), with the critic forced to the one asked for and, optionally, another reward model.
/// </summary>
internal sealed class EvalEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient? _judgeHttp;

    private EvalEnvironment(ServiceProvider services, IRewardModel rewardModel, LlmJudge? judge, HttpClient? judgeHttp)
    {
        _services = services;
        RewardModel = rewardModel;
        Judge = judge;
        _judgeHttp = judgeHttp;
    }

    public ICritic Critic => _services.GetRequiredService<ICritic>();

    public IRewardModel RewardModel { get; }

    public RankingOptions Ranking => _services.GetRequiredService<IOptions<RankingOptions>>().Value;

    public LlmJudge? Judge { get; }

    /// <param name="configuration">The configuration <c>review</c> would use, with the command's overrides.</param>
    /// <param name="critic">Forces the critic: offline ignores a configured LLM; llm requires one.</param>
    /// <param name="rewardModel"><c>default</c> (what <c>review</c> loads), <c>heuristic</c>, or the path of an ONNX model.</param>
    /// <param name="judge">Grade comments with the configured LLM when there is one.</param>
    public static (EvalEnvironment? Environment, string? Error) Create(IConfiguration configuration, EvalCritic critic, string rewardModel, bool judge)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var llm = configuration.GetSection(CriticOptions.SectionName).Get<CriticOptions>() ?? new CriticOptions();
        if (critic == EvalCritic.Llm && !llm.UsesLlm)
        {
            return (null, "--critic llm needs Critic:Endpoint and Critic:Model (or --llm-endpoint and --llm-model).");
        }

        var effective = critic == EvalCritic.Offline
            ? new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?> { ["Critic:Endpoint"] = "", ["Critic:Model"] = "" }).Build()
            : configuration;
        var services = CliConfiguration.BuildPipelineServices(effective);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            var model = rewardModel.ToUpperInvariant() switch
            {
                "DEFAULT" => services.GetRequiredService<IRewardModel>(),
                "HEURISTIC" => new HeuristicRewardModel(),
                _ => RewardModelFactory.Create(rewardModel, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance),
            };
            HttpClient? http = null;
            IChatClient? chat = null;
            if (judge && llm.UsesLlm)
            {
                chat = services.GetService<IChatClient>();
                if (chat is null)
                {
                    http = new HttpClient { Timeout = llm.Timeout + TimeSpan.FromSeconds(10) };
                    chat = LlmServiceCollectionExtensions.CreateChatClient(llm, http);
                }
            }

            var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return (new EvalEnvironment(services, model, chat is null ? null : new LlmJudge(chat, loggers.CreateLogger<LlmJudge>()), http), null);
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            services.Dispose();
            return (null, ex is OptionsValidationException invalid ? "invalid configuration:\n  " + string.Join("\n  ", invalid.Failures) : ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (RewardModel is IDisposable disposable && !ReferenceEquals(RewardModel, _services.GetService<IRewardModel>()))
        {
            disposable.Dispose();
        }

        _judgeHttp?.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
