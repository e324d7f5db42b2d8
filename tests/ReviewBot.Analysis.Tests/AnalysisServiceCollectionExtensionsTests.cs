using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Tests;

public sealed class AnalysisServiceCollectionExtensionsTests
{
    [Fact]
    public void AddReviewBotAnalysis_Twice_RegistersEachSourceAndTheContextProviderOnce()
    {
        using var provider = Build([], twice: true);

        var names = provider.GetServices<IFindingSource>().Select(s => s.Name).ToList();
        Assert.Equal(["compiler", "analyzers", "rules", "text"], names);
        Assert.NotNull(provider.GetRequiredService<ICodeContextProvider>());
        Assert.Same(provider.GetServices<IFindingSource>().First(), provider.GetServices<IFindingSource>().First());
    }

    [Fact]
    public void AddReviewBotAnalysis_Configuration_BindsTheAnalysisSection()
    {
        using var provider = Build(new() { ["Analysis:MaxFileBytes"] = "4096", ["Analysis:DisabledRules:0"] = "RB0015", ["Analysis:Analyzers"] = "false" });

        var options = provider.GetRequiredService<IOptions<AnalysisOptions>>().Value;

        Assert.Equal(4096, options.MaxFileBytes);
        Assert.False(options.Analyzers);
        Assert.False(options.IsEnabled("RB0015"));
        Assert.True(options.IsEnabled("RB0001"));
    }

    [Fact]
    public void AddReviewBotAnalysis_InvalidOptions_ReportsEveryFailure()
    {
        using var provider = Build(new() { ["Analysis:MaxFileBytes"] = "10", ["Analysis:DisabledRules:0"] = "not a rule", ["Analysis:AnalyzerDirectory"] = "/no/such/folder" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AnalysisOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("MaxFileBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'not a rule'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("/no/such/folder", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, bool twice = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddReviewBotAnalysis();
        if (twice)
        {
            services.AddReviewBotAnalysis();
        }

        return services.BuildServiceProvider();
    }
}
