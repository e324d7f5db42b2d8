using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

/// <summary>The routes the simulator answers. Anything else is 404 and recorded as unexpected.</summary>
internal static partial class SimulatorEndpoints
{
    private const string Pulls = "/repos/{owner}/{repo}/pulls/{number:int}";

    public static void Map(IEndpointRouteBuilder app, GitHubSimulator sim)
    {
        app.MapGet(Pulls, (HttpContext http, string owner, string repo, int number) => GetPullAsync(sim, http, owner, repo, number));
        app.MapGet(Pulls + "/files", (HttpContext http, string owner, string repo, int number) => ListFilesAsync(sim, http, owner, repo, number));
        app.MapGet("/repos/{owner}/{repo}/contents/{**path}", (HttpContext http, string owner, string repo, string path) => GetContentsAsync(sim, http, owner, repo, path));

        app.MapGet(Pulls + "/reviews", (HttpContext http, string owner, string repo, int number) => ListReviewsAsync(sim, http, owner, repo, number));
        app.MapPost(Pulls + "/reviews", (HttpContext http, string owner, string repo, int number) => CreateReviewAsync(sim, http, owner, repo, number));
        app.MapGet(Pulls + "/reviews/{id:long}", (HttpContext http, string owner, string repo, int number, long id) => GetReviewAsync(sim, http, owner, repo, number, id));
        app.MapDelete(Pulls + "/reviews/{id:long}", (HttpContext http, string owner, string repo, int number, long id) => DeletePendingReviewAsync(sim, http, owner, repo, number, id));
        app.MapPost(Pulls + "/reviews/{id:long}/events", (HttpContext http, string owner, string repo, int number, long id) => SubmitReviewAsync(sim, http, owner, repo, number, id));
        app.MapGet(Pulls + "/reviews/{id:long}/comments", (HttpContext http, string owner, string repo, int number, long id) => ListReviewCommentsOfReviewAsync(sim, http, owner, repo, number, id));

        app.MapGet(Pulls + "/comments", (HttpContext http, string owner, string repo, int number) => ListCommentsAsync(sim, http, owner, repo, number));
        app.MapPost(Pulls + "/comments", (HttpContext http, string owner, string repo, int number) => CreateCommentAsync(sim, http, owner, repo, number, null));
        app.MapPost(Pulls + "/comments/{id:long}/replies", (HttpContext http, string owner, string repo, int number, long id) => CreateCommentAsync(sim, http, owner, repo, number, id));

        app.MapGet("/repos/{owner}/{repo}/pulls/comments/{id:long}/reactions", (HttpContext http, string owner, string repo, long id) => ListReactionsAsync(sim, http, owner, repo, id, issue: false));
        app.MapGet("/repos/{owner}/{repo}/issues/comments/{id:long}/reactions", (HttpContext http, string owner, string repo, long id) => ListReactionsAsync(sim, http, owner, repo, id, issue: true));

        app.MapPost("/repos/{owner}/{repo}/check-runs", (HttpContext http, string owner, string repo) => CreateCheckRunAsync(sim, http, owner, repo));
        app.MapMethods("/repos/{owner}/{repo}/check-runs/{id:long}", ["PATCH"], (HttpContext http, string owner, string repo, long id) => UpdateCheckRunAsync(sim, http, owner, repo, id));

        app.MapPost("/app/installations/{id:long}/access_tokens", (HttpContext http, long id) => CreateInstallationTokenAsync(sim, http, id));
        app.MapGet("/repos/{owner}/{repo}/installation", (HttpContext http, string owner, string repo) => GetRepositoryInstallationAsync(sim, http, owner, repo));

        MapIssues(app, sim);

        app.MapFallback(async (HttpContext http) =>
        {
            GitHubSimulator.MarkUnexpected(http);
            await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        });
    }

    private static async Task<IResult> GetPullAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        JsonNode? json;
        string? diff;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            if (pr is null)
            {
                json = null;
                diff = null;
            }
            else if (SimHttp.Accepts(http, "diff"))
            {
                json = pr.DiffTooLarge ? new JsonObject() : null;
                diff = pr.DiffOverride ?? pr.Head.DiffText;
            }
            else
            {
                var head = pr.HeadRepository is null ? null : sim.State.Repository(pr.HeadRepository);
                json = WireJson.PullRequest(pr, head, SimHttp.BaseUrl(http));
                diff = null;
            }
        }

        if (json is null && diff is null)
        {
            return await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        }

        if (diff is null)
        {
            return await SimHttp.JsonAsync(http, 200, json).ConfigureAwait(false);
        }

        if (json is not null)
        {
            var error = WireJson.Error(
                "Sorry, the diff exceeded the maximum number of files (300). Consider using 'List pull requests files' API or locally cloning the repository instead.",
                406,
                docs: "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files");
            error["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = "diff", ["code"] = "too_large" });
            return await SimHttp.JsonAsync(http, 406, error).ConfigureAwait(false);
        }

        http.Response.ContentType = "application/vnd.github.diff; charset=utf-8";
        await http.Response.WriteAsync(diff, http.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private static Task<IResult> ListFilesAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, int number)
    {
        JsonArray? page;
        lock (sim.State.Gate)
        {
            var pr = sim.State.FindPull(owner, repo, number);
            page = pr is null ? null : SimHttp.Page(http, pr.Head.Diff.Files, f => WireJson.DiffEntry(f, pr, SimHttp.BaseUrl(http)));
        }

        return page is null ? SimHttp.NotFoundAsync(http) : SimHttp.JsonAsync(http, 200, page);
    }

    private static async Task<IResult> GetContentsAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, string path)
    {
        var reference = http.Request.Query["ref"].ToString();
        byte[]? bytes = null;
        lock (sim.State.Gate)
        {
            if (sim.State.Repositories.TryGetValue($"{owner}/{repo}", out var repository) &&
                repository.Commits.TryGetValue(reference.Length == 0 ? repository.DefaultBranch : reference, out var tree))
            {
                bytes = tree.GetValueOrDefault(Uri.UnescapeDataString(path));
            }
        }

        if (bytes is null)
        {
            return await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        }

        if (SimHttp.Accepts(http, "raw"))
        {
            http.Response.ContentType = "application/vnd.github.raw; charset=utf-8";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }

        // Like GitHub: base64 in lines of 60 characters; above 1 MB the JSON carries no content (encoding "none").
        var tooLarge = bytes.Length > 1024 * 1024;
        var base64 = Convert.ToBase64String(bytes);
        var lines = string.Join('\n', Enumerable.Range(0, (base64.Length + 59) / 60).Select(i => base64.Substring(i * 60, Math.Min(60, base64.Length - (i * 60)))));
        var name = path[(path.LastIndexOf('/') + 1)..];
        var baseUrl = SimHttp.BaseUrl(http);
        var json = new JsonObject
        {
            ["type"] = "file",
            ["encoding"] = tooLarge ? "none" : "base64",
            ["size"] = bytes.Length,
            ["name"] = name,
            ["path"] = path,
            ["content"] = tooLarge ? "" : lines + "\n",
            ["sha"] = WireJson.Sha(base64),
            ["url"] = $"{baseUrl}/repos/{owner}/{repo}/contents/{path}?ref={reference}",
            ["git_url"] = $"{baseUrl}/repos/{owner}/{repo}/git/blobs/{WireJson.Sha(base64)}",
            ["html_url"] = $"https://github.com/{owner}/{repo}/blob/{reference}/{path}",
            ["download_url"] = $"https://raw.githubusercontent.com/{owner}/{repo}/{reference}/{path}",
        };
        return await SimHttp.JsonAsync(http, 200, json).ConfigureAwait(false);
    }
}
