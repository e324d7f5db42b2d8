using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Rules;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests.Rules;

/// <summary>Runs ReviewBot's rules over a snippet added as a new file (every line added) or over a modification.</summary>
internal static class RuleHarness
{
    public const string Path = "src/Shop/OrderService.cs";

    public static Task<List<Highlight>> FindAsync(string code, string ruleId) => FindAsync(TestChanges.Added(Path, code), ruleId);

    public static async Task<List<Highlight>> FindAsync(ChangeContext context, string ruleId)
    {
        var compiler = TestChanges.Compiler();
        var change = await compiler.CompileAsync(context, CancellationToken.None);

        // A snippet that does not parse would make every rule silent and every negative test pass for nothing.
        Assert.All(change.Files.Where(f => f.Head.IsComplete), f => Assert.DoesNotContain(f.HeadTree!.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error));
        var source = new RuleFindingSource(compiler, Options.Create(new AnalysisOptions()), NullLogger<RuleFindingSource>.Instance);
        var found = await source.FindAsync(context, CancellationToken.None);
        return [.. found.Where(h => h.RuleId == ruleId)];
    }

    /// <summary>The single finding of <paramref name="ruleId"/>; its quote must contain <paramref name="quoted"/>.</summary>
    public static async Task<Highlight> FindSingleAsync(string code, string ruleId, string quoted)
    {
        var found = await FindAsync(code, ruleId);
        var highlight = Assert.Single(found);
        Assert.Contains(quoted, highlight.Quote, StringComparison.Ordinal);
        Assert.InRange(highlight.Confidence, 0, 1);
        Assert.True(highlight.OnAddedLine);
        Assert.False(string.IsNullOrWhiteSpace(highlight.Comment));
        return highlight;
    }
}
