using ReviewBot.Analysis.Analyzers;

namespace ReviewBot.Analysis.Tests.Analyzers;

public sealed class AnalyzerLoaderTests
{
    [Fact]
    public void Load_BundledFolder_LoadsAllThreePackagesWithoutFailures()
    {
        var set = AnalyzerLoader.Load(AnalyzerLoader.DefaultDirectory);

        Assert.Empty(set.Failures);
        var assemblies = set.Analyzers.Select(a => a.GetType().Assembly.GetName().Name).ToHashSet();
        Assert.Contains("Microsoft.CodeAnalysis.NetAnalyzers", assemblies);
        Assert.Contains("Roslynator.CSharp.Analyzers", assemblies);
        Assert.Contains("Meziantou.Analyzer", assemblies);
    }

    [Fact]
    public void Load_EveryCatalogRule_IsReportedByALoadedAnalyzer()
    {
        var supported = AnalyzerLoader.Load(AnalyzerLoader.DefaultDirectory).Analyzers
            .SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(AnalyzerCatalog.Entries.Keys, id => Assert.Contains(id, supported));
    }

    [Fact]
    public void Load_SameFolderTwice_ReturnsTheCachedSet() =>
        Assert.Same(AnalyzerLoader.Load(AnalyzerLoader.DefaultDirectory), AnalyzerLoader.Load(AnalyzerLoader.DefaultDirectory));

    [Fact]
    public void Load_MissingFolder_ReportsAFailureInsteadOfThrowing()
    {
        var set = AnalyzerLoader.Load(Path.Combine(Path.GetTempPath(), "reviewbot-no-such-folder-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(set.Analyzers);
        Assert.Single(set.Failures);
    }
}
