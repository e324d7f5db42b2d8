using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Ranking;

/// <summary>
/// Scores (change, critique) pairs: higher is a better critique. Trained on pairwise preferences
/// (Bradley–Terry), so only differences between scores of the same change carry meaning.
/// </summary>
public interface IRewardModel
{
    /// <summary>Identifies the model for provenance, e.g. <c>heuristic-v1</c> or <c>onnx:sha256:…</c>.</summary>
    string Version { get; }

    /// <summary>Scores each critique of <paramref name="critiques"/> for the same change, in order.</summary>
    ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken);
}
