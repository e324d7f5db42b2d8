using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

internal static partial class SimulatorEndpoints
{
    private static Task<IResult> ListCommentsAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        JsonArray? page;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            page = pr is null ? null : SimHttp.Page(http, [.. sim.State.Comments.Where(c => c.PullRequest == pr && !c.Pending)], c => WireJson.Comment(c, SimHttp.BaseUrl(http), sim.State.Associations.GetValueOrDefault(c.UserLogin)));
        }

        // Like GitHub, the list carries an ETag; If-None-Match with the current one answers 304 (free of rate limit).
        return page is null ? SimHttp.NotFoundAsync(http) : SimHttp.ConditionalJsonAsync(http, page);
    }

    /// <summary><c>POST …/pulls/{n}/comments</c> (a line or file comment, or a reply via <c>in_reply_to</c>) and <c>…/comments/{id}/replies</c>.</summary>
    private static async Task<IResult> CreateCommentAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number, long? replyTo)
    {
        if (await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) is not JsonObject request)
        {
            return await SimHttp.ErrorAsync(http, 400, "Problems parsing JSON").ConfigureAwait(false);
        }

        if (request["body"]?.GetValue<string>() is not { Length: > 0 } text)
        {
            return await SimHttp.ErrorAsync(http, 422, "Invalid request.\n\n\"body\" wasn't supplied.").ConfigureAwait(false);
        }

        var caller = SimHttp.Caller(http);
        replyTo ??= request["in_reply_to"] is JsonValue parentId ? parentId.GetValue<long>() : null;
        string? refusal = null;
        JsonNode? json = null;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            if (pr is not null && replyTo is { } parentIdValue)
            {
                var parent = sim.State.Comments.Find(c => c.Id == parentIdValue && c.PullRequest == pr && !c.Pending);
                if (parent is null)
                {
                    pr = null;
                }
                else if (parent.InReplyTo is not null)
                {
                    refusal = "Replies to replies are not supported; reply to the thread's first comment";
                }
                else
                {
                    json = WireJson.Comment(NewReply(sim, parent, text, caller), SimHttp.BaseUrl(http));
                }
            }
            else if (pr is not null)
            {
                var push = request["commit_id"]?.GetValue<string>() is { } sha ? pr.FindPush(sha) : null;
                refusal = push is null ? "commit_id could not be resolved"
                    : request["path"] is null ? "path wasn't supplied"
                    : ReviewValidation.CheckComment(push.Diff, request, sim.State.RejectedLines);
                if (refusal is null)
                {
                    // GitHub wraps a single comment in a review of its own.
                    var review = new SimReview
                    {
                        Id = sim.State.NextId(),
                        PullRequest = pr,
                        UserLogin = caller.Login,
                        UserType = caller.Type,
                        Body = "",
                        State = "COMMENTED",
                        CommitId = push!.Sha,
                        SubmittedAt = sim.Options.TimeProvider.GetUtcNow(),
                    };
                    sim.State.Reviews.Add(review);
                    var comment = NewComment(sim, pr, push, review.Id, request, caller, pending: false);
                    sim.State.Comments.Add(comment);
                    json = WireJson.Comment(comment, SimHttp.BaseUrl(http));
                }
            }
        }

        if (refusal is not null)
        {
            return await SimHttp.ErrorAsync(http, 422, "Unprocessable Entity", [refusal], "https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request").ConfigureAwait(false);
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false) : await SimHttp.JsonAsync(http, 201, json).ConfigureAwait(false);
    }

    /// <summary>A reply in <paramref name="parent"/>'s thread. Caller holds the state lock.</summary>
    internal static SimComment NewReply(GitHubSimulator sim, SimComment parent, string body, SimCaller caller)
    {
        var reply = new SimComment
        {
            Id = sim.State.NextId(),
            ReviewId = sim.State.NextId(),
            PullRequest = parent.PullRequest,
            Path = parent.Path,
            Line = parent.Line,
            StartLine = parent.StartLine,
            Side = parent.Side,
            StartSide = parent.StartSide,
            CommitId = parent.CommitId,
            Body = body,
            UserLogin = caller.Login,
            UserType = caller.Type,
            InReplyTo = parent.Id,
            SubjectType = parent.SubjectType,
            DiffHunk = parent.DiffHunk,
            CreatedAt = sim.Options.TimeProvider.GetUtcNow(),
        };
        sim.State.Comments.Add(reply);
        return reply;
    }

    /// <summary>Reactions with an ETag; <c>If-None-Match</c> with the current one answers 304 (free of rate limit).</summary>
    private static async Task<IResult> ListReactionsAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, long id, bool issue)
    {
        JsonArray? page = null;
        lock (sim.State.Gate)
        {
            var reactions = issue
                ? sim.State.IssueComments.Find(c => c.Id == id && c.PullRequest.Repository.FullName.Equals($"{owner}/{repo}", StringComparison.OrdinalIgnoreCase))?.Reactions
                : sim.State.Comments.Find(c => c.Id == id && !c.Pending && c.PullRequest.Repository.FullName.Equals($"{owner}/{repo}", StringComparison.OrdinalIgnoreCase))?.Reactions;
            if (reactions is not null)
            {
                page = SimHttp.Page(http, [.. reactions], r => WireJson.Reaction(r, SimHttp.BaseUrl(http)));
            }
        }

        if (page is null)
        {
            return await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        }

        var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(page.ToJsonString() + http.Request.QueryString))) + "\"";
        if (http.Request.Headers.IfNoneMatch.Any(v => string.Equals(v, etag, StringComparison.Ordinal)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.Headers.ETag = etag;
            return Results.Empty;
        }

        return await SimHttp.JsonAsync(http, 200, page, etag).ConfigureAwait(false);
    }
}
