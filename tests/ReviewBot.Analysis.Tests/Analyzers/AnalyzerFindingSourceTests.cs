using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Analyzers;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests.Analyzers;

public sealed class AnalyzerFindingSourceTests
{
    private const string Path = "src/Shop/Reports.cs";

    private const string Code = """
        namespace Shop;

        public sealed record Sale(string Region, decimal Amount, DateTime At);

        public static class Reports
        {
            public static void Record(List<Sale> sales, Sale sale)
            {
                lock (typeof(Reports))
                {
                    sales.Add(sale);
                }
            }

            public static decimal Load(string path)
            {
                try
                {
                    return decimal.Parse(File.ReadAllText(path), System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException ex)
                {
                    throw ex;
                }
            }

            private static decimal Rounded(decimal value) => Math.Round(value, 2);

            public static Task<string> ReadAsync(string path)
            {
                using var reader = new StreamReader(path);
                return reader.ReadToEndAsync();
            }
        }
        """;

    [Fact]
    public async Task FindAsync_AddedFile_ReportsCuratedRulesOfEachPackage()
    {
        var found = await FindAsync(TestChanges.Added(Path, Code));

        var rethrow = Assert.Single(found, f => f.RuleId == "CA2200");
        Assert.Equal("            throw ex;", rethrow.Quote);
        Assert.Contains("`throw;`", rethrow.Comment, StringComparison.Ordinal);
        Assert.Contains(found, f => f.RuleId == "RCS1213" && f.Quote.Contains("Rounded(decimal value)", StringComparison.Ordinal));

        // CA2002 and RCS1059 both flag the lock; one comment is kept.
        Assert.Single(found, f => f.Quote.Contains("lock (typeof(Reports))", StringComparison.Ordinal));
        Assert.Contains(found, f => f.RuleId == "MA0100" && f.Quote.Contains("return reader.ReadToEndAsync();", StringComparison.Ordinal));
        Assert.All(found, f => Assert.Equal(HighlightSource.Offline, f.Source));
    }

    [Fact]
    public async Task FindAsync_IssuesAlreadyAtBase_ReportsOnlyTheNewOne()
    {
        var after = Code.Replace("    public static Task<string> ReadAsync", """
                public static decimal LoadAgain(string path)
                {
                    try
                    {
                        return Load(path);
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw ex;
                    }
                }

                public static Task<string> ReadAsync
            """, StringComparison.Ordinal);

        var found = await FindAsync(TestChanges.Modified(Path, Code, after));

        var finding = Assert.Single(found);
        Assert.Equal("CA2200", finding.RuleId);
        Assert.True(finding.StartLine > 20);
    }

    [Fact]
    public async Task FindAsync_DisabledRule_IsNotReported()
    {
        var found = await FindAsync(TestChanges.Added(Path, Code), new AnalysisOptions { DisabledRules = ["CA2200", "RCS1213"] });

        Assert.DoesNotContain(found, f => f.RuleId is "CA2200" or "RCS1213");
        Assert.Contains(found, f => f.RuleId == "MA0100");
    }

    private static async Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, AnalysisOptions? options = null)
    {
        var settings = options ?? new AnalysisOptions();
        var source = new AnalyzerFindingSource(TestChanges.Compiler(settings), Options.Create(settings), NullLogger<AnalyzerFindingSource>.Instance);
        return await source.FindAsync(context, CancellationToken.None);
    }
}
