namespace ReviewBot.Core.Ranking;

/// <summary>
/// A reward model that can be replaced while ReviewBot runs (hot reload). A review pins one version for all of its
/// scoring, so its candidates are never scored by two models and its provenance names the one that was used.
/// </summary>
public interface IPinnableRewardModel
{
    /// <summary>The current model, held until the returned object is disposed (when it is <see cref="IDisposable"/>).</summary>
    IRewardModel Pin();
}
