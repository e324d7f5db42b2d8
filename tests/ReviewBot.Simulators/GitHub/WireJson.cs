using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>
/// Builds response bodies from GitHub's own examples (<c>Examples/*.json</c>, from the REST API description), so the
/// simulator answers with every field GitHub sends, not just the ones ReviewBot reads.
/// </summary>
internal static class WireJson
{
    private static readonly Dictionary<string, JsonNode> Templates = new(StringComparer.Ordinal);

    public static JsonNode Example(string name)
    {
        lock (Templates)
        {
            if (!Templates.TryGetValue(name, out var node))
            {
                using var stream = typeof(WireJson).Assembly.GetManifestResourceStream($"GitHub.Examples.{name}")
                    ?? throw new InvalidOperationException($"Missing embedded example {name}");
                node = JsonNode.Parse(stream)!;
                Templates[name] = node;
            }

            return node.DeepClone();
        }
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];

    public static string NodeId(string prefix, long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{prefix}{id}"));

    public static JsonObject User(string login, string type, string baseUrl)
    {
        var user = (JsonObject)Example("pulls-create-review.response.json")["user"]!.DeepClone();
        var id = Math.Abs((long)BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(login)), 0));
        user["login"] = login;
        user["id"] = id;
        user["node_id"] = NodeId("04:User", id);
        user["type"] = type;
        return (JsonObject)Rebase(user, baseUrl, "octocat", login);
    }

    /// <summary>Points the example's URLs at the simulator and at <paramref name="to"/> instead of the example's names.</summary>
    public static JsonNode Rebase(JsonNode node, string baseUrl, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        obj[key] = Rebase(value, baseUrl, from, to);
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = Rebase(item.DeepClone(), baseUrl, from, to);
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith("http", StringComparison.Ordinal):
                return JsonValue.Create(text.Replace("https://api.github.com", baseUrl, StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal))!;
            default:
                return node;
        }
    }

    public static JsonObject Error(string message, int status, IEnumerable<string>? errors = null, string docs = "https://docs.github.com/rest")
    {
        var error = new JsonObject { ["message"] = message };
        if (errors is not null)
        {
            error["errors"] = new JsonArray([.. errors.Select(static e => (JsonNode)JsonValue.Create(e)!)]);
        }

        error["documentation_url"] = docs;
        error["status"] = status.ToString(CultureInfo.InvariantCulture);
        return error;
    }

    public static JsonObject Repository(SimRepository repo, string baseUrl, bool fork)
    {
        var node = (JsonObject)Example("pulls-get.json")["base"]!["repo"]!.DeepClone();
        node = (JsonObject)Rebase(node, baseUrl, "octocat/Hello-World", repo.FullName);
        node["id"] = repo.Id;
        node["node_id"] = NodeId("010:Repository", repo.Id);
        node["name"] = repo.Name;
        node["full_name"] = repo.FullName;
        node["fork"] = fork;
        node["owner"] = User(repo.Owner, "User", baseUrl);
        node["default_branch"] = "main";
        return node;
    }

    public static JsonObject PullRequest(SimPullRequest pr, SimRepository? headRepo, string baseUrl)
    {
        var repo = pr.Repository;
        var node = (JsonObject)Rebase(Example("pulls-get.json"), baseUrl, "octocat/Hello-World", repo.FullName);
        node = (JsonObject)Rebase(node, baseUrl, "/1347", "/" + pr.Number.ToString(CultureInfo.InvariantCulture));
        node["locked"] = false;
        node["active_lock_reason"] = null;
        node["auto_merge"] = null;
        node["mergeable"] = pr.State == "open" ? true : null;
        var html = $"https://github.com/{repo.FullName}/pull/{pr.Number}";
        node["url"] = $"{baseUrl}/repos/{repo.FullName}/pulls/{pr.Number}";
        node["id"] = pr.Id;
        node["node_id"] = NodeId("011:PullRequest", pr.Id);
        node["html_url"] = html;
        node["diff_url"] = html + ".diff";
        node["patch_url"] = html + ".patch";
        node["number"] = pr.Number;
        node["state"] = pr.State;
        node["title"] = pr.Title;
        node["body"] = pr.Body;
        node["user"] = User(pr.Author, "User", baseUrl);
        node["created_at"] = Iso(pr.CreatedAt);
        node["updated_at"] = Iso(pr.UpdatedAt);
        node["closed_at"] = pr.ClosedAt is null ? null : Iso(pr.ClosedAt.Value);
        node["merged_at"] = pr.Merged && pr.ClosedAt is not null ? Iso(pr.ClosedAt.Value) : null;
        node["merged"] = pr.Merged;
        node["merged_by"] = pr.Merged ? User(pr.Author, "User", baseUrl) : null;
        node["merge_commit_sha"] = pr.Merged ? Sha("merge" + pr.Head.Sha) : null;
        node["draft"] = pr.Draft;
        node["milestone"] = null;
        node["assignee"] = null;
        node["assignees"] = new JsonArray();
        node["requested_reviewers"] = new JsonArray();
        node["requested_teams"] = new JsonArray();
        node["labels"] = new JsonArray();
        node["commits"] = pr.Pushes.Count;
        node["additions"] = pr.Head.Diff.AddedLines;
        node["deletions"] = pr.Head.Diff.DeletedLines;
        node["changed_files"] = pr.Head.Diff.Files.Count;
        node["head"] = Ref(pr.HeadRef, pr.Head.Sha, headRepo ?? repo, baseUrl, headRepo is not null);
        node["base"] = Ref(pr.BaseRef, pr.BaseSha, repo, baseUrl, false);
        return node;
    }

    private static JsonObject Ref(string name, string sha, SimRepository repo, string baseUrl, bool fork) => new()
    {
        ["label"] = $"{repo.Owner}:{name}",
        ["ref"] = name,
        ["sha"] = sha,
        ["user"] = User(repo.Owner, "User", baseUrl),
        ["repo"] = Repository(repo, baseUrl, fork),
    };

    public static JsonObject DiffEntry(DiffFile file, SimPullRequest pr, string baseUrl)
    {
        var node = (JsonObject)Example("pulls-list-files.json")[0]!.DeepClone();
        var repo = pr.Repository.FullName;
        var sha = pr.Head.Sha;
        node["sha"] = Sha(file.Path + sha);
        node["filename"] = file.Path;
        node["status"] = file.Change switch
        {
            FileChangeKind.Added => "added",
            FileChangeKind.Deleted => "removed",
            FileChangeKind.Renamed => "renamed",
            FileChangeKind.Copied => "copied",
            _ => "modified",
        };
        node["additions"] = file.AddedLines;
        node["deletions"] = file.DeletedLines;
        node["changes"] = file.AddedLines + file.DeletedLines;
        node["blob_url"] = $"https://github.com/{repo}/blob/{sha}/{file.Path}";
        node["raw_url"] = $"https://github.com/{repo}/raw/{sha}/{file.Path}";
        node["contents_url"] = $"{baseUrl}/repos/{repo}/contents/{file.Path}?ref={sha}";
        if (file.IsBinary || file.Hunks.Count == 0)
        {
            node.Remove("patch");
        }
        else
        {
            node["patch"] = DiffRendering.Hunks(file);
        }

        if (file.Change is FileChangeKind.Renamed or FileChangeKind.Copied && file.OldPath is not null)
        {
            node["previous_filename"] = file.OldPath;
        }

        return node;
    }

    public static JsonObject Review(SimReview review, string baseUrl)
    {
        var repo = review.PullRequest.Repository.FullName;
        var node = (JsonObject)Rebase(Example("pulls-create-review.response.json"), baseUrl, "octocat/Hello-World", repo);
        var html = $"https://github.com/{repo}/pull/{review.PullRequest.Number}#pullrequestreview-{review.Id}";
        node["id"] = review.Id;
        node["node_id"] = NodeId("017:PullRequestReview", review.Id);
        node["user"] = User(review.UserLogin, review.UserType, baseUrl);
        node["body"] = review.Body ?? "";
        node["state"] = review.State;
        node["html_url"] = html;
        node["pull_request_url"] = $"{baseUrl}/repos/{repo}/pulls/{review.PullRequest.Number}";
        node["_links"]!["html"]!["href"] = html;
        node["commit_id"] = review.CommitId;
        node["author_association"] = review.UserType == "Bot" ? "NONE" : "OWNER";
        if (review.SubmittedAt is { } submitted)
        {
            node["submitted_at"] = Iso(submitted);
        }
        else
        {
            node.Remove("submitted_at");
        }

        return node;
    }

    public static JsonObject Comment(SimComment comment, string baseUrl, string? association = null)
    {
        var pr = comment.PullRequest;
        var repo = pr.Repository.FullName;
        var node = (JsonObject)Rebase(Example("pulls-list-review-comments.json")[0]!.DeepClone(), baseUrl, "octocat/Hello-World", repo);
        var url = $"{baseUrl}/repos/{repo}/pulls/comments/{comment.Id}";
        var html = $"https://github.com/{repo}/pull/{pr.Number}#discussion_r{comment.Id}";
        node["url"] = url;
        node["pull_request_review_id"] = comment.ReviewId;
        node["id"] = comment.Id;
        node["node_id"] = NodeId("024:PullRequestReviewComment", comment.Id);
        node["diff_hunk"] = comment.DiffHunk;
        node["path"] = comment.Path;
        node["position"] = comment.Line;
        node["original_position"] = comment.Line;
        node["commit_id"] = pr.Head.Sha;
        node["original_commit_id"] = comment.CommitId;
        if (comment.InReplyTo is { } parent)
        {
            node["in_reply_to_id"] = parent;
        }
        else
        {
            node.Remove("in_reply_to_id");
        }

        node["user"] = User(comment.UserLogin, comment.UserType, baseUrl);
        node["body"] = comment.Body;
        node["created_at"] = Iso(comment.CreatedAt);
        node["updated_at"] = Iso(comment.CreatedAt);
        node["html_url"] = html;
        node["pull_request_url"] = $"{baseUrl}/repos/{repo}/pulls/{pr.Number}";
        node["author_association"] = association ?? (comment.UserType == "Bot" ? "NONE" : "OWNER");
        node["_links"]!["self"]!["href"] = url;
        node["_links"]!["html"]!["href"] = html;
        node["_links"]!["pull_request"]!["href"] = $"{baseUrl}/repos/{repo}/pulls/{pr.Number}";
        var outdated = !string.Equals(comment.CommitId, pr.Head.Sha, StringComparison.OrdinalIgnoreCase);
        node["start_line"] = outdated ? null : comment.StartLine;
        node["original_start_line"] = comment.StartLine;
        node["start_side"] = comment.StartLine is null ? null : comment.StartSide ?? comment.Side;
        node["line"] = outdated ? null : comment.Line;
        node["original_line"] = comment.Line;
        node["side"] = comment.Side ?? "RIGHT";
        node["subject_type"] = comment.SubjectType;
        node["reactions"] = Rollup(comment.Reactions, url + "/reactions");
        return node;
    }

    public static JsonObject Rollup(IReadOnlyCollection<SimReaction> reactions, string url)
    {
        var rollup = new JsonObject { ["url"] = url, ["total_count"] = reactions.Count };
        foreach (var content in new[] { "+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes" })
        {
            rollup[content] = reactions.Count(r => r.Content == content);
        }

        return rollup;
    }

    public static JsonObject Reaction(SimReaction reaction, string baseUrl)
    {
        var node = (JsonObject)Example("reactions-list-for-pull-request-review-comment.json")[0]!.DeepClone();
        node["id"] = reaction.Id;
        node["node_id"] = NodeId("08:Reaction", reaction.Id);
        node["user"] = User(reaction.UserLogin, "User", baseUrl);
        node["content"] = reaction.Content;
        node["created_at"] = Iso(reaction.CreatedAt);
        return node;
    }

    public static JsonObject CheckRun(SimCheckRun run, string baseUrl)
    {
        var example = run.Status == "completed" ? "checks-create.response.completed.json" : "checks-create.response.in-progress.json";
        var node = (JsonObject)Rebase(Example(example), baseUrl, "github/hello-world", run.Repository.FullName);
        node["id"] = run.Id;
        node["node_id"] = NodeId("08:CheckRun", run.Id);
        node["head_sha"] = run.HeadSha;
        node["external_id"] = run.ExternalId ?? "";
        node["url"] = $"{baseUrl}/repos/{run.Repository.FullName}/check-runs/{run.Id}";
        node["html_url"] = $"https://github.com/{run.Repository.FullName}/runs/{run.Id}";
        node["details_url"] = run.DetailsUrl;
        node["status"] = run.Status;
        node["conclusion"] = run.Conclusion;
        node["started_at"] = run.StartedAt is null ? null : Iso(run.StartedAt.Value);
        node["completed_at"] = run.CompletedAt is null ? null : Iso(run.CompletedAt.Value);
        node["name"] = run.Name;
        var output = (JsonObject)node["output"]!;
        output["title"] = run.Title;
        output["summary"] = run.Summary;
        output["text"] = run.Text;
        output["annotations_count"] = 0;
        output["annotations_url"] = $"{baseUrl}/repos/{run.Repository.FullName}/check-runs/{run.Id}/annotations";
        node["pull_requests"] = new JsonArray();
        return node;
    }
}
