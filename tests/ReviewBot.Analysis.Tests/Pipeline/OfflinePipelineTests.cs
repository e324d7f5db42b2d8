using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Analyzers;
using ReviewBot.Analysis.Diagnostics;
using ReviewBot.Analysis.Rules;
using ReviewBot.Analysis.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Analysis.Tests.Pipeline;

/// <summary>The whole offline review (OfflineCritic + every finding source + FSBS + heuristic reward) over the shipped sample patch.</summary>
public sealed class OfflinePipelineTests
{
    private static readonly string SamplePatch = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sample.patch"));

    [Fact]
    public async Task RunAsync_SamplePatch_PlacesExactQuotesInsideHunks()
    {
        var context = new ChangeContext { Diff = TestChanges.Parse(SamplePatch) };
        var (pipeline, _) = CreatePipeline();

        var review = await pipeline.RunAsync(context, CancellationToken.None);

        Assert.NotEmpty(review.Comments);
        foreach (var comment in review.Comments)
        {
            var file = context.Diff.FindFile(comment.Path)!;
            var start = comment.StartLine ?? comment.Line;
            Assert.True(file.IsCommentableRange(start, comment.Line), $"{comment.Path}:{start}-{comment.Line} is not inside a hunk");
            var text = string.Join('\n', Enumerable.Range(start, comment.Line - start + 1).Select(n => file.FindNewLine(n)!.Text));
            Assert.Equal(text, comment.Quote);
        }
    }

    [Fact]
    public async Task StartAsync_SamplePatch_FindsTheDroppedAwaitTheSelfAssignmentAndTheLoopBound()
    {
        var context = new ChangeContext { Diff = TestChanges.Parse(SamplePatch) };
        var (_, critic) = CreatePipeline();

        var sampler = (FindingSampler)await critic.StartAsync(context, CancellationToken.None);

        var findings = sampler.Findings;
        Assert.Contains(findings, f => f.RuleId == "RB0001" && f.Quote.Contains("NotifyWarehouseAsync(sku, quantity);", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "RB0004" && f.Quote.Contains("_reserved = _reserved;", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "RB0009" && f.Quote.Contains("i <= levels.Length", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Equal(HighlightSource.Offline, f.Source));
    }

    internal static (ReviewPipeline Pipeline, OfflineCritic Critic) CreatePipeline()
    {
        var analysis = Options.Create(new AnalysisOptions());
        var compiler = TestChanges.Compiler();
        IFindingSource[] sources =
        [
            new CompilerFindingSource(compiler, analysis),
            new AnalyzerFindingSource(compiler, analysis, NullLogger<AnalyzerFindingSource>.Instance),
            new RuleFindingSource(compiler, analysis, NullLogger<RuleFindingSource>.Instance),
            new TextFindingSource(analysis),
        ];
        var ranking = Options.Create(new RankingOptions());
        var critic = new OfflineCritic(sources, ranking);
        return (new ReviewPipeline(critic, new HeuristicRewardModel(), ranking, TimeProvider.System), critic);
    }
}
