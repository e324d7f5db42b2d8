using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

/// <summary>Conversation comments on pull requests, reactions to them, and collaborators' permissions.</summary>
internal static partial class SimulatorEndpoints
{
    public static void MapIssues(IEndpointRouteBuilder app, GitHubSimulator sim)
    {
        app.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", (HttpContext http, string owner, string repo, int number) => CreateIssueCommentAsync(sim, http, owner, repo, number));
        app.MapPost("/repos/{owner}/{repo}/issues/comments/{id:long}/reactions", (HttpContext http, string owner, string repo, long id) => CreateIssueCommentReactionAsync(sim, http, owner, repo, id));
        app.MapGet("/repos/{owner}/{repo}/collaborators/{username}/permission", (HttpContext http, string owner, string repo, string username) => GetPermissionAsync(sim, http, owner, repo, username));
    }

    /// <summary><c>POST …/issues/{n}/comments</c>: only pull requests exist here, so only their conversations.</summary>
    private static async Task<IResult> CreateIssueCommentAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        if (await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) is not JsonObject request)
        {
            return await SimHttp.ErrorAsync(http, 400, "Problems parsing JSON").ConfigureAwait(false);
        }

        if (request["body"]?.GetValue<string>() is not { Length: > 0 } body)
        {
            return await SimHttp.ErrorAsync(http, 422, "Invalid request.\n\n\"body\" wasn't supplied.").ConfigureAwait(false);
        }

        var caller = SimHttp.Caller(http);
        if (caller.IsAnonymous)
        {
            return await SimHttp.ErrorAsync(http, 401, "Requires authentication").ConfigureAwait(false);
        }

        JsonObject? json = null;
        lock (sim.State.Gate)
        {
            if (sim.State.FindPull(owner, repo, number) is { } pr)
            {
                var comment = new SimIssueComment
                {
                    Id = sim.State.NextId(),
                    PullRequest = pr,
                    Body = body,
                    UserLogin = caller.Login,
                    UserType = caller.Type,
                    CreatedAt = sim.Options.TimeProvider.GetUtcNow(),
                };
                sim.State.IssueComments.Add(comment);
                json = IssueCommentJson(comment, SimHttp.BaseUrl(http));
            }
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false) : await SimHttp.JsonAsync(http, 201, json).ConfigureAwait(false);
    }

    /// <summary><c>POST …/issues/comments/{id}/reactions</c>: 201 for a new reaction, 200 with the existing one when the caller already reacted so.</summary>
    private static async Task<IResult> CreateIssueCommentReactionAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, long id)
    {
        var content = (await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) as JsonObject)?["content"]?.GetValue<string>();
        if (content is not ("+1" or "-1" or "laugh" or "confused" or "heart" or "hooray" or "rocket" or "eyes"))
        {
            return await SimHttp.ErrorAsync(http, 422, "Validation Failed", ["content is not included in the list"]).ConfigureAwait(false);
        }

        var caller = SimHttp.Caller(http);
        if (caller.IsAnonymous)
        {
            return await SimHttp.ErrorAsync(http, 401, "Requires authentication").ConfigureAwait(false);
        }

        JsonObject? json = null;
        var status = 201;
        lock (sim.State.Gate)
        {
            var comment = sim.State.IssueComments.Find(c => c.Id == id && c.PullRequest.Repository.FullName.Equals($"{owner}/{repo}", StringComparison.OrdinalIgnoreCase));
            if (comment is not null)
            {
                var existing = comment.Reactions.Find(r => r.Content == content && r.UserLogin == caller.Login);
                if (existing is null)
                {
                    existing = new SimReaction(sim.State.NextId(), content, caller.Login, sim.Options.TimeProvider.GetUtcNow());
                    comment.Reactions.Add(existing);
                }
                else
                {
                    status = 200;
                }

                json = WireJson.Reaction(existing, SimHttp.BaseUrl(http));
            }
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false) : await SimHttp.JsonAsync(http, status, json).ConfigureAwait(false);
    }

    /// <summary><c>GET …/collaborators/{username}/permission</c>: <c>permission</c> is the legacy level, <c>role_name</c> the role.</summary>
    private static async Task<IResult> GetPermissionAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, string username)
    {
        (string Permission, string Role) access;
        lock (sim.State.Gate)
        {
            if (!sim.State.Repositories.ContainsKey($"{owner}/{repo}"))
            {
                access = default;
            }
            else
            {
                access = sim.State.Permissions.GetValueOrDefault(($"{owner}/{repo}".ToUpperInvariant(), username.ToUpperInvariant()), ("read", "read"));
            }
        }

        if (access.Permission is null)
        {
            return await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        }

        var json = new JsonObject
        {
            ["permission"] = access.Permission,
            ["role_name"] = access.Role,
            ["user"] = WireJson.User(username, "User", SimHttp.BaseUrl(http)),
        };
        return await SimHttp.JsonAsync(http, 200, json).ConfigureAwait(false);
    }

    internal static JsonObject IssueCommentJson(SimIssueComment comment, string baseUrl)
    {
        var repo = comment.PullRequest.Repository.FullName;
        var url = $"{baseUrl}/repos/{repo}/issues/comments/{comment.Id}";
        return new JsonObject
        {
            ["id"] = comment.Id,
            ["node_id"] = WireJson.NodeId("012:IssueComment", comment.Id),
            ["url"] = url,
            ["html_url"] = $"https://github.com/{repo}/pull/{comment.PullRequest.Number}#issuecomment-{comment.Id}",
            ["issue_url"] = $"{baseUrl}/repos/{repo}/issues/{comment.PullRequest.Number}",
            ["body"] = comment.Body,
            ["user"] = WireJson.User(comment.UserLogin, comment.UserType, baseUrl),
            ["created_at"] = WireJson.Iso(comment.CreatedAt),
            ["updated_at"] = WireJson.Iso(comment.CreatedAt),
            ["author_association"] = comment.UserType == "Bot" ? "NONE" : "CONTRIBUTOR",
            ["reactions"] = WireJson.Rollup(comment.Reactions, url + "/reactions"),
        };
    }
}
