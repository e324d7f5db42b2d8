using System.Diagnostics;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Security;

namespace ReviewBot.Core.Pipeline;

/// <summary>
/// diff → critic → FSBS rerank → review. The same pipeline serves <c>reviewbot review</c>, the durable review job
/// and the evaluation; it never talks to GitHub.
/// </summary>
public sealed class ReviewPipeline(ICritic critic, IRewardModel rewardModel, IOptions<RankingOptions> options, TimeProvider timeProvider)
{
    private static readonly int DefaultPromptCharacters = new CriticOptions().MaxContextCharacters;

    public ICritic Critic => critic;

    public IRewardModel RewardModel => rewardModel;

    public async Task<ReviewResult> RunAsync(ChangeContext context, CancellationToken cancellationToken, RankingOptions? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = overrides ?? options.Value;
        var started = timeProvider.GetTimestamp();

        // One model version scores the whole review, even if a new model is loaded meanwhile.
        var model = rewardModel is IPinnableRewardModel pinnable ? pinnable.Pin() : rewardModel;
        using var pin = model as IDisposable;
        var sampler = await critic.StartAsync(context, cancellationToken).ConfigureAwait(false);
        await using (sampler.ConfigureAwait(false))
        {
            var search = await ForcedSamplingBeamSearch.SearchAsync(sampler, model, context, settings, cancellationToken).ConfigureAwait(false);
            var (comments, notes) = await SelectAsync(context, model, search.Chosen, settings, cancellationToken).ConfigureAwait(false);
            var stats = new ReviewStats
            {
                Files = context.Diff.Files.Count,
                Hunks = context.Diff.HunkCount,
                Candidates = search.Candidates.Count,
                DroppedHallucinations = sampler.Stats.DroppedHallucinations,
                MalformedAnswers = sampler.Stats.MalformedAnswers,
                PromptTokens = sampler.Stats.PromptTokens,
                CompletionTokens = sampler.Stats.CompletionTokens,
                Requests = sampler.Stats.Requests,
                RedactedSecrets = sampler.Stats.RedactedSecrets,
                BudgetExhausted = sampler.Stats.BudgetExhausted,
                ElapsedMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
                Rounds = search.RoundsRun,
                SamplesPerRound = settings.SamplesPerRound,
                BeamWidth = settings.BeamWidth,
                LengthModifier = search.LengthModifier,
            };
            return new ReviewResult
            {
                Comments = comments,
                FileNotes = notes,
                Summary = ReviewSummary.Write(context, comments, notes),
                Stats = stats,
                Provenance = new ReviewProvenance
                {
                    Critic = critic.Name,
                    RewardModel = model.Version,
                    PromptVersion = (sampler as IPromptVersioned)?.PromptVersion,
                    Seed = settings.Seed,
                    SearchMode = settings.Mode,
                    Input = (sampler as ICriticInputSnapshot)?.Input ?? OfflineInput(context),
                },
                Candidates = search.Candidates,
            };
        }
    }

    /// <summary>
    /// A critic that builds no prompt saw the change itself; the snapshot masks its secrets like a prompt would, so
    /// what is stored (and may be exported) never holds them.
    /// </summary>
    private static CriticInput OfflineInput(ChangeContext context) =>
        CriticInput.Capture(ChangeRedactor.Redact(context).Context, [], DefaultPromptCharacters);

    /// <summary>
    /// The noise budget: each highlight scored alone, weak ones and (on a later push) ones on code reviewed before
    /// dropped, the best few kept in file order.
    /// </summary>
    private static async Task<(List<ReviewComment> Comments, List<FileNote> Notes)> SelectAsync(
        ChangeContext context, IRewardModel model, Critique chosen, RankingOptions settings, CancellationToken cancellationToken)
    {
        var comments = new List<ReviewComment>();
        var notes = new List<FileNote>();
        if (chosen.Count == 0 || settings.MaxComments == 0)
        {
            return (comments, notes);
        }

        var singles = chosen.Highlights.Select(static h => new Critique { Highlights = [h] }).ToList();
        var scores = await model.ScoreAsync(context, singles, cancellationToken).ConfigureAwait(false);
        var kept = chosen.Highlights
            .Select((h, i) => (Highlight: h, Score: scores[i]))
            .Where(x => x.Score >= settings.MinScore && context.IsInFocus(x.Highlight.Path, x.Highlight.StartLine, x.Highlight.EndLine))
            .OrderByDescending(static x => x.Score)
            .Take(settings.MaxComments)
            .OrderBy(static x => x.Highlight.Path, StringComparer.Ordinal)
            .ThenBy(static x => x.Highlight.StartLine);
        foreach (var (highlight, score) in kept)
        {
            var (comment, note) = CommentPlacer.Place(context.Diff, highlight, CommentFormatter.Format(highlight, context.PullRequest?.Repository), Math.Round(score, 4));
            if (comment is not null)
            {
                comments.Add(comment);
            }
            else if (note is not null)
            {
                notes.Add(note);
            }
        }

        Debug.Assert(comments.TrueForAll(c => context.Diff.FindFile(c.Path)!.IsCommentableRange(c.StartLine ?? c.Line, c.Line)), "placed comments lie in a hunk");
        return (comments, notes);
    }
}

/// <summary>A sampler that builds prompts reports the version of its template, stored with each review.</summary>
public interface IPromptVersioned
{
    string PromptVersion { get; }
}
