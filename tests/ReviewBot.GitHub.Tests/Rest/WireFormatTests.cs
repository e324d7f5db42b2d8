using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Tests.Rest;

/// <summary>The client reads GitHub's own examples (REST API description, API version 2022-11-28).</summary>
public sealed class WireFormatTests
{
    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rest", name));

    [Fact]
    public void PullRequest_GitHubExample_Deserializes()
    {
        var pr = JsonSerializer.Deserialize(Example("pulls-get.json"), GitHubJsonContext.Default.PullRequest)!;

        Assert.Equal(1347, pr.Number);
        Assert.Equal("open", pr.State);
        Assert.True(pr.IsOpen);
        Assert.Equal("6dcb09b5b57875f334f61aebed695e2e4193db5e", pr.Head.Sha);
        Assert.Equal("octocat/Hello-World", pr.Base.Repo!.FullName);
        Assert.Equal("octocat", pr.User!.Login);
        Assert.False(pr.Draft);
        Assert.Equal(5, pr.ChangedFiles);
    }

    [Fact]
    public void Files_GitHubExample_Deserializes()
    {
        var files = JsonSerializer.Deserialize(Example("pulls-list-files.json"), GitHubJsonContext.Default.ListDiffEntry)!;

        var file = Assert.Single(files);
        Assert.Equal("file1.txt", file.Filename);
        Assert.Equal("added", file.Status);
        Assert.Equal(124, file.Changes);
        Assert.StartsWith("@@ -132,7 +132,7 @@", file.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_GitHubExample_Deserializes()
    {
        var review = JsonSerializer.Deserialize(Example("pulls-create-review.response.json"), GitHubJsonContext.Default.PullRequestReview)!;

        Assert.Equal(80, review.Id);
        Assert.Equal("CHANGES_REQUESTED", review.State);
        Assert.Equal("ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091", review.CommitId);
        Assert.Equal("User", review.User!.Type);
        Assert.Equal(new DateTimeOffset(2019, 11, 17, 17, 43, 43, TimeSpan.Zero), review.SubmittedAt);
    }

    [Fact]
    public void ReviewRequest_GitHubExample_RoundTrips()
    {
        var request = JsonSerializer.Deserialize(Example("pulls-create-review.request-example.json"), GitHubJsonContext.Default.CreateReviewRequest)!;

        Assert.Equal("REQUEST_CHANGES", request.Event);
        var comment = Assert.Single(request.Comments!);
        Assert.Equal("file.md", comment.Path);
    }

    [Fact]
    public void ReviewRequest_Serialized_UsesOnlySchemaPropertiesInSnakeCase()
    {
        var schema = JsonNode.Parse(Example("pulls-create-review.request-schema.json"))!;
        var request = new CreateReviewRequest
        {
            CommitId = "abc",
            Body = "body",
            Event = "COMMENT",
            Comments = [new DraftReviewComment { Path = "a.cs", Body = "b", Line = 3, Side = "RIGHT", StartLine = 2, StartSide = "RIGHT" }],
        };

        var json = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(request, GitHubJsonContext.Default.CreateReviewRequest))!.AsObject();

        var topLevel = schema["properties"]!.AsObject().Select(static p => p.Key).ToHashSet();
        Assert.All(json.Select(static p => p.Key), k => Assert.Contains(k, topLevel));
        var commentProperties = schema["properties"]!["comments"]!["items"]!["properties"]!.AsObject().Select(static p => p.Key).ToHashSet();
        var comment = json["comments"]![0]!.AsObject();
        Assert.All(comment.Select(static p => p.Key), k => Assert.Contains(k, commentProperties));
        Assert.Equal(2, comment["start_line"]!.GetValue<int>());
        Assert.False(comment.ContainsKey("position"));
    }

    [Fact]
    public void ReviewComments_GitHubExample_Deserializes()
    {
        var comments = JsonSerializer.Deserialize(Example("pulls-list-review-comments.json"), GitHubJsonContext.Default.ListPullRequestReviewComment)!;

        var comment = Assert.Single(comments);
        Assert.Equal(10, comment.Id);
        Assert.Equal(42, comment.PullRequestReviewId);
        Assert.Equal(8, comment.InReplyToId);
        Assert.Equal(2, comment.Line);
        Assert.Equal(1, comment.StartLine);
        Assert.Equal("RIGHT", comment.Side);
        Assert.Equal("Great stuff!", comment.Body);
    }

    [Fact]
    public void ReactionRollup_GitHubShape_ReadsPlusAndMinusOne()
    {
        var rollup = JsonSerializer.Deserialize(
            """{"id":1,"body":"x","reactions":{"url":"u","total_count":3,"+1":2,"-1":1,"laugh":0,"hooray":0,"confused":0,"heart":0,"rocket":0,"eyes":0}}"""u8,
            GitHubJsonContext.Default.PullRequestReviewComment)!.Reactions!;

        Assert.Equal(3, rollup.TotalCount);
        Assert.Equal(2, rollup.PlusOne);
        Assert.Equal(1, rollup.MinusOne);
    }

    [Theory]
    [InlineData("reactions-list-for-pull-request-review-comment.json")]
    [InlineData("reactions-list-for-issue-comment.json")]
    public void Reactions_GitHubExample_Deserializes(string name)
    {
        var reactions = JsonSerializer.Deserialize(Example(name), GitHubJsonContext.Default.ListReaction)!;

        var reaction = Assert.Single(reactions);
        Assert.Equal("heart", reaction.Content);
        Assert.Equal("octocat", reaction.User!.Login);
    }

    [Fact]
    public void InstallationToken_GitHubExample_Deserializes()
    {
        var token = JsonSerializer.Deserialize(Example("apps-create-installation-access-token.json"), GitHubJsonContext.Default.InstallationToken)!;

        Assert.Equal("ghs_16C7e42F292c6912E7710c838347Ae178B4a", token.Token);
        Assert.Equal(new DateTimeOffset(2016, 7, 11, 22, 14, 10, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal("write", token.Permissions!["issues"]);
    }

    [Theory]
    [InlineData("checks-create.response.completed.json", "completed", "neutral")]
    [InlineData("checks-create.response.in-progress.json", "in_progress", null)]
    public void CheckRun_GitHubExample_Deserializes(string name, string status, string? conclusion)
    {
        var run = JsonSerializer.Deserialize(Example(name), GitHubJsonContext.Default.CheckRun)!;

        Assert.Equal(4, run.Id);
        Assert.Equal(status, run.Status);
        Assert.Equal(conclusion, run.Conclusion);
        Assert.Equal("mighty_readme", run.Name);
        Assert.Equal("Mighty Readme report", run.Output!.Title);
    }

    [Fact]
    public void CheckRunRequest_GitHubExample_Deserializes()
    {
        var request = JsonSerializer.Deserialize(Example("checks-create.request-example.completed.json"), GitHubJsonContext.Default.CheckRunRequest)!;

        Assert.Equal("completed", request.Status);
        Assert.Equal("success", request.Conclusion);
        Assert.Equal("ce587453ced02b1526dfb4cb910479d431683101", request.HeadSha);
    }

    [Fact]
    public void PullRequest_InWebhookPayload_Deserializes()
    {
        using var payload = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "payloads", "pull_request.opened.json")));

        var pr = payload.RootElement.GetProperty("pull_request").Deserialize(GitHubJsonContext.Default.PullRequest)!;

        Assert.Equal(2, pr.Number);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", pr.Head.Sha);
        Assert.False(pr.IsMerged);
    }

    [Fact]
    public void ReviewComment_InWebhookPayload_DeserializesWithRollup()
    {
        using var payload = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "payloads", "pull_request_review_comment.created.json")));

        var comment = payload.RootElement.GetProperty("comment").Deserialize(GitHubJsonContext.Default.PullRequestReviewComment)!;

        Assert.Equal(284312630, comment.Id);
        Assert.Equal(265, comment.Line);
        Assert.Equal("RIGHT", comment.Side);
        Assert.Equal(0, comment.Reactions!.TotalCount);
    }

    [Fact]
    public void Error_BothValidationShapes_Described()
    {
        var simple = JsonSerializer.Deserialize(
            """{"message":"Unprocessable Entity","errors":["Line could not be resolved"],"documentation_url":"https://docs.github.com/rest","status":"422"}"""u8,
            GitHubJsonContext.Default.GitHubError)!;
        var detailed = JsonSerializer.Deserialize(
            """{"message":"Validation Failed","errors":[{"resource":"PullRequest","field":"diff","code":"too_large"}],"documentation_url":"x"}"""u8,
            GitHubJsonContext.Default.GitHubError)!;

        Assert.Equal("Unprocessable Entity: Line could not be resolved", simple.Describe());
        Assert.Equal("Validation Failed: too_large", detailed.Describe());
    }
}
