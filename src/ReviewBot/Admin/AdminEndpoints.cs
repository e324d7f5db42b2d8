using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Admin;

/// <summary><c>/admin/*</c>: operations on a running server, behind <see cref="AdminAccessFilter"/>.</summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapReviewBotAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAccessFilter>();

        // Swaps the reward model for the file on disk now, without waiting for the file watcher.
        admin.MapPost("/rm/reload", async (IRewardModel model, CancellationToken cancellationToken) => model is ReloadableRewardModel reloadable
            ? Results.Json(await reloadable.ReloadAsync(cancellationToken).ConfigureAwait(false), AdminJsonContext.Default.RewardModelReloadResult)
            : Results.Conflict(new AdminMessage($"the reward model in use ({model.Version}) is not loaded from a file")));
        return admin;
    }
}
