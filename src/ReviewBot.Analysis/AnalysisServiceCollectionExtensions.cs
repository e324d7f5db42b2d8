using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Analyzers;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Context;
using ReviewBot.Analysis.Diagnostics;
using ReviewBot.Analysis.Rules;
using ReviewBot.Analysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis;

/// <summary>Registers the offline critic's finding sources and the C# context provider.</summary>
public static class AnalysisServiceCollectionExtensions
{
    /// <summary>
    /// Adds every <see cref="IFindingSource"/> of this library (compiler diagnostics, analyzers, ReviewBot's rules,
    /// text checks), the Roslyn <see cref="ICodeContextProvider"/>, and <see cref="AnalysisOptions"/> bound from
    /// section <c>Analysis</c>, validated at start-up. All singletons; calling it twice adds nothing twice.
    /// </summary>
    public static IServiceCollection AddReviewBotAnalysis(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalysisOptions>, AnalysisOptionsValidator>());
        services.TryAddSingleton<ChangeCompiler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFindingSource, CompilerFindingSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFindingSource, AnalyzerFindingSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFindingSource, RuleFindingSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFindingSource, TextFindingSource>());
        services.TryAddSingleton<ICodeContextProvider, CSharpContextProvider>();
        return services;
    }
}
