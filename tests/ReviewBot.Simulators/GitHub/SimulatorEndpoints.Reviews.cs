using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

internal static partial class SimulatorEndpoints
{
    private static Task<IResult> ListReviewsAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        var caller = SimHttp.Caller(http);
        JsonArray? page;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            page = pr is null ? null : SimHttp.Page(
                http,
                [.. sim.State.Reviews.Where(r => r.PullRequest == pr && (r.State != "PENDING" || r.UserLogin == caller.Login))],
                r => WireJson.Review(r, SimHttp.BaseUrl(http)));
        }

        return page is null ? SimHttp.NotFoundAsync(http) : SimHttp.JsonAsync(http, 200, page);
    }

    private static Task<IResult> GetReviewAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number, long id)
    {
        JsonNode? json;
        lock (sim.State.Gate)
        {
            var review = FindReview(sim, owner, repo, number, id);
            json = review is null ? null : WireJson.Review(review, SimHttp.BaseUrl(http));
        }

        return json is null ? SimHttp.NotFoundAsync(http) : SimHttp.JsonAsync(http, 200, json);
    }

    private static SimReview? FindReview(GitHubSimulator sim, string owner, string repo, int number, long id)
    {
        var pr = sim.State.FindPull(owner, repo, number);
        return sim.State.Reviews.Find(r => r.Id == id && r.PullRequest == pr);
    }

    private static async Task<IResult> CreateReviewAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        var body = await SimHttp.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null && http.Request.ContentLength > 0)
        {
            return await SimHttp.ErrorAsync(http, 400, "Problems parsing JSON").ConfigureAwait(false);
        }

        if (ReviewValidation.CheckSchema(body ?? new JsonObject(), "pulls-create-review.request-schema.json") is { } schemaError)
        {
            return await SimHttp.ErrorAsync(http, 422, schemaError, docs: ReviewValidation.Docs).ConfigureAwait(false);
        }

        var request = (JsonObject)(body ?? new JsonObject());
        var caller = SimHttp.Caller(http);
        string? refusal;
        JsonNode? json = null;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            if (pr is null)
            {
                refusal = null;
            }
            else
            {
                refusal = CreateReview(sim, http, pr, request, caller, out var review);
                json = review is null ? null : WireJson.Review(review, SimHttp.BaseUrl(http));
            }
        }

        if (refusal is not null)
        {
            return await SimHttp.ErrorAsync(http, 422, "Unprocessable Entity", [refusal], ReviewValidation.Docs).ConfigureAwait(false);
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false) : await SimHttp.JsonAsync(http, 200, json).ConfigureAwait(false);
    }

    /// <summary>Creates the review and its comments, or returns why GitHub would refuse it (nothing is created then).</summary>
    private static string? CreateReview(GitHubSimulator sim, HttpContext http, SimPullRequest pr, JsonObject request, SimCaller caller, out SimReview? review)
    {
        review = null;
        var commitId = request["commit_id"]?.GetValue<string>();
        var push = commitId is null ? pr.Head : pr.FindPush(commitId);
        if (push is null)
        {
            return "Commit could not be resolved";
        }

        var reviewEvent = request["event"]?.GetValue<string>();
        var comments = request["comments"]?.AsArray().Select(static c => c!.AsObject()).ToList() ?? [];
        var text = request["body"]?.GetValue<string>();
        if (reviewEvent is "REQUEST_CHANGES" or "COMMENT" && string.IsNullOrEmpty(text) && comments.Count == 0)
        {
            return "Body is required for a review that comments or requests changes";
        }

        if (reviewEvent is null && sim.State.Reviews.Exists(r => r.PullRequest == pr && r.State == "PENDING" && r.UserLogin == caller.Login))
        {
            return "User can only have one pending review per pull request";
        }

        foreach (var comment in comments)
        {
            if (ReviewValidation.CheckComment(push.Diff, comment, sim.State.RejectedLines) is { } error)
            {
                return error;
            }
        }

        var now = sim.Options.TimeProvider.GetUtcNow();
        review = new SimReview
        {
            Id = sim.State.NextId(),
            PullRequest = pr,
            UserLogin = caller.Login,
            UserType = caller.Type,
            Body = text,
            State = reviewEvent switch { null => "PENDING", "APPROVE" => "APPROVED", "REQUEST_CHANGES" => "CHANGES_REQUESTED", _ => "COMMENTED" },
            CommitId = push.Sha,
            SubmittedAt = reviewEvent is null ? null : now,
        };
        sim.State.Reviews.Add(review);
        foreach (var comment in comments)
        {
            sim.State.Comments.Add(NewComment(sim, pr, push, review.Id, comment, caller, reviewEvent is null));
        }

        return null;
    }

    private static SimComment NewComment(GitHubSimulator sim, SimPullRequest pr, SimPush push, long? reviewId, JsonObject comment, SimCaller caller, bool pending)
    {
        var path = comment["path"]!.GetValue<string>();
        var line = comment["line"] is JsonValue l ? (int?)l.GetValue<long>() : null;
        var side = comment["side"]?.GetValue<string>() ?? (line is null ? null : "RIGHT");
        var file = push.Diff.FindFile(path);
        return new SimComment
        {
            Id = sim.State.NextId(),
            ReviewId = reviewId,
            PullRequest = pr,
            Path = path,
            Line = line,
            StartLine = comment["start_line"] is JsonValue s ? (int)s.GetValue<long>() : null,
            Side = side,
            StartSide = comment["start_side"]?.GetValue<string>(),
            CommitId = push.Sha,
            Body = comment["body"]?.GetValue<string>() ?? "",
            UserLogin = caller.Login,
            UserType = caller.Type,
            SubjectType = comment["subject_type"]?.GetValue<string>() ?? "line",
            DiffHunk = file is null || line is null ? "" : DiffRendering.HunkUpTo(file, line.Value, side == "LEFT"),
            CreatedAt = sim.Options.TimeProvider.GetUtcNow(),
            Pending = pending,
        };
    }

    private static Task<IResult> DeletePendingReviewAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number, long id)
    {
        JsonNode? json = null;
        string? refusal = null;
        lock (sim.State.Gate)
        {
            var review = FindReview(sim, owner, repo, number, id);
            if (review is not null && review.State != "PENDING")
            {
                refusal = "Can not delete a non-pending pull request review";
            }
            else if (review is not null)
            {
                sim.State.Reviews.Remove(review);
                sim.State.Comments.RemoveAll(c => c.ReviewId == review.Id);
                json = WireJson.Review(review, SimHttp.BaseUrl(http));
            }
        }

        return refusal is not null ? SimHttp.ErrorAsync(http, 422, "Unprocessable Entity", [refusal])
            : json is null ? SimHttp.NotFoundAsync(http)
            : SimHttp.JsonAsync(http, 200, json);
    }

    private static async Task<IResult> SubmitReviewAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number, long id)
    {
        var request = await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) as JsonObject;
        var reviewEvent = request?["event"]?.GetValue<string>();
        if (reviewEvent is not ("APPROVE" or "REQUEST_CHANGES" or "COMMENT"))
        {
            return await SimHttp.ErrorAsync(http, 422, "Invalid request.\n\n\"event\" wasn't supplied.").ConfigureAwait(false);
        }

        JsonNode? json = null;
        lock (sim.State.Gate)
        {
            var review = FindReview(sim, owner, repo, number, id);
            if (review is { State: "PENDING" })
            {
                review.State = reviewEvent switch { "APPROVE" => "APPROVED", "REQUEST_CHANGES" => "CHANGES_REQUESTED", _ => "COMMENTED" };
                review.Body = request?["body"]?.GetValue<string>() ?? review.Body;
                review.SubmittedAt = sim.Options.TimeProvider.GetUtcNow();
                foreach (var comment in sim.State.Comments.Where(c => c.ReviewId == review.Id))
                {
                    comment.Pending = false;
                }

                json = WireJson.Review(review, SimHttp.BaseUrl(http));
            }
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false) : await SimHttp.JsonAsync(http, 200, json).ConfigureAwait(false);
    }

    private static Task<IResult> ListReviewCommentsOfReviewAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number, long id)
    {
        JsonArray? page;
        lock (sim.State.Gate)
        {
            var review = FindReview(sim, owner, repo, number, id);
            page = review is null ? null : SimHttp.Page(http, [.. sim.State.Comments.Where(c => c.ReviewId == id)], c => WireJson.Comment(c, SimHttp.BaseUrl(http)));
        }

        return page is null ? SimHttp.NotFoundAsync(http) : SimHttp.JsonAsync(http, 200, page);
    }
}
