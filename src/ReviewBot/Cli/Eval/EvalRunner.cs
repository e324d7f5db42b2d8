using System.Diagnostics;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Cli.Eval;

/// <summary>A case and the change the pipeline reviews for it.</summary>
internal sealed record EvalInput(EvalCase Case, ChangeContext Context);

/// <summary>What the reviews of one case gave.</summary>
internal sealed record CaseResult
{
    public required EvalCase Case { get; init; }

    /// <summary>The review at the default setting (the one <c>reviewbot review</c> would post).</summary>
    public required ReviewResult Review { get; init; }

    /// <summary>One score per setting, in the order the settings were given (the default first).</summary>
    public required IReadOnlyList<CaseScore> Scores { get; init; }

    /// <summary>Every highlight the critic offered on the change (the offline critic's findings, or every candidate's highlights).</summary>
    public required IReadOnlyList<Highlight> Blocks { get; init; }

    public required long ElapsedMs { get; init; }
}

/// <summary>
/// Runs the full review pipeline (the configured critic, reward model, FSBS or best-of-N, noise budget, placement) on
/// every case, several cases at once, each case under every setting; see <see cref="CaseCritic"/> for why the
/// settings after the first cost little.
/// </summary>
internal sealed class EvalRunner(ICritic critic, IRewardModel rewardModel, RankingOptions ranking, LlmJudge? judge, int parallelism)
{
    public async Task<IReadOnlyList<CaseResult>> RunAsync(IReadOnlyList<EvalInput> inputs, IReadOnlyList<RunSetting> settings, Action advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(advanced);
        var results = new CaseResult[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), options, async (index, token) =>
        {
            results[index] = await RunCaseAsync(inputs[index], settings, token).ConfigureAwait(false);
            advanced();
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<CaseResult> RunCaseAsync(EvalInput input, IReadOnlyList<RunSetting> settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var shared = new CaseFindings();
        var critics = new Dictionary<SearchMode, (CaseCritic Critic, ReviewPipeline Pipeline)>();
        var done = new Dictionary<RunSetting, CaseScore>();
        var scores = new List<CaseScore>(settings.Count);
        ReviewResult? first = null;
        try
        {
            foreach (var setting in settings)
            {
                if (done.TryGetValue(setting, out var known))
                {
                    scores.Add(known);
                    continue;
                }

                if (!critics.TryGetValue(setting.Mode, out var run))
                {
                    var caseCritic = new CaseCritic(critic, shared, ranking.Seed);
                    run = (caseCritic, new ReviewPipeline(caseCritic, rewardModel, Options.Create(ranking), TimeProvider.System));
                    critics[setting.Mode] = run;
                }

                var review = await run.Pipeline.RunAsync(input.Context, cancellationToken, setting.Apply(ranking)).ConfigureAwait(false);
                var score = CaseScoring.Score(input.Case, review);
                if (first is null)
                {
                    first = review;
                    if (judge is not null && !input.Case.IsControl)
                    {
                        score = score with { JudgedCaught = await judge.JudgeAsync(input.Case, review.Comments, cancellationToken).ConfigureAwait(false) };
                    }
                }

                done[setting] = score;
                scores.Add(score);
            }
        }
        finally
        {
            foreach (var (caseCritic, _) in critics.Values)
            {
                await caseCritic.DisposeAsync().ConfigureAwait(false);
            }
        }

        var blocks = shared.Findings ?? [.. first!.Candidates.SelectMany(static c => c.Critique.Highlights).DistinctBy(static h => h.Key)];
        return new CaseResult
        {
            Case = input.Case,
            Review = first!,
            Scores = scores,
            Blocks = blocks,
            ElapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }
}
