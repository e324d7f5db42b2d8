using System.Text;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Tests.TestSupport;

namespace ReviewBot.GitHub.Tests.Rest;

public sealed class GitHubRestClientTests
{
    private static readonly RepositoryName Repo = RepositoryName.Parse(Reviews.Repository);

    [Fact]
    public async Task AnyCall_Headers_AcceptApiVersionUserAgent()
    {
        await using var host = await GitHubTestHost.StartAsync();
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);
        await host.Client.GetDiffAsync(host.Call, Repo, 1, CancellationToken.None);

        var requests = host.Simulator.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("2022-11-28", r.ApiVersion);
            Assert.Equal("ReviewBot-Tests", r.UserAgent);
            Assert.Equal($"Bearer {GitHubTestHost.Token}", r.Authorization);
        });
        Assert.Equal("application/vnd.github+json", requests[0].Accept);
        Assert.Equal("application/vnd.github.diff", requests[1].Accept);
        Assert.Empty(host.Simulator.UnexpectedRequests);
    }

    [Fact]
    public async Task ListFiles_230Files_FollowsLinkThroughThreePages()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        var patch = string.Concat(Enumerable.Range(1, 230).Select(i => Patches.AddedFile($"src/F{i:000}.cs", 2)));
        host.Simulator.AddPullRequest(Reviews.PullRequest(patch));

        var files = await host.Client.ListFilesAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(files.IsOk, files.Describe());
        Assert.Equal(230, files.Value!.Count);
        Assert.Equal("src/F230.cs", files.Value[^1].Filename);
        Assert.Equal(Enumerable.Range(1, 230).Select(i => $"src/F{i:000}.cs"), files.Value.Select(f => f.Filename));
        var pages = host.Simulator.Requests.Where(r => r.Path.EndsWith("/files", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains("page=3", pages[2].Query, StringComparison.Ordinal);
        Assert.All(files.Value, f => Assert.StartsWith("@@ -0,0 +1,2 @@", f.Patch, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDiff_PullRequest_ParsesBackToTheSameFiles()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3) + Patches.ModifiedFile("src/B.cs", 10, "added();")));

        var diff = await host.Client.GetDiffAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(diff.IsOk);
        var parsed = Core.Diffs.UnifiedDiffParser.Parse(diff.Value!).Diff!;
        Assert.Equal(["src/A.cs", "src/B.cs"], parsed.Files.Select(f => f.Path));
        Assert.Equal(4, parsed.AddedLines);
    }

    [Fact]
    public async Task GetFileContent_TextBinaryMissingAndTooLarge()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        host.Simulator.AddFile(Reviews.Repository, Reviews.HeadSha, "src/A.cs", Encoding.UTF8.GetBytes("class A {}\n"));
        host.Simulator.AddFile(Reviews.Repository, Reviews.HeadSha, "img/logo.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 1]);
        host.Simulator.AddFile(Reviews.Repository, Reviews.HeadSha, "big.txt", new byte[5000]);

        var text = await host.Client.GetFileContentAsync(host.Call, Repo, "src/A.cs", Reviews.HeadSha, 4096, CancellationToken.None);
        var binary = await host.Client.GetFileContentAsync(host.Call, Repo, "img/logo.png", Reviews.HeadSha, 4096, CancellationToken.None);
        var missing = await host.Client.GetFileContentAsync(host.Call, Repo, "nope.cs", Reviews.HeadSha, 4096, CancellationToken.None);
        var large = await host.Client.GetFileContentAsync(host.Call, Repo, "big.txt", Reviews.HeadSha, 4096, CancellationToken.None);

        Assert.Equal("class A {}\n", Encoding.UTF8.GetString(text.Value!));
        Assert.Equal(7, binary.Value!.Length);
        Assert.True(missing.IsOk);
        Assert.Null(missing.Value);
        Assert.Equal(GitHubStatus.TooLarge, large.Status);
        Assert.All(host.Simulator.Requests, r => Assert.Equal(GitHubRequest.RawMediaType, r.Accept));
    }

    [Fact]
    public async Task Reactions_SecondPollWithETag_NotModifiedAndFree()
    {
        await using var host = await GitHubTestHost.StartAsync();
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 5)));
        var created = await host.Client.CreateReviewCommentAsync(host.Call, Repo, 1, new CreateReviewCommentRequest { Body = "hm", CommitId = Reviews.HeadSha, Path = "src/A.cs", Line = 2, Side = "RIGHT" }, CancellationToken.None);
        var id = created.Value!.Id;
        host.Simulator.AddReaction(id, "+1", "maintainer");

        var first = await host.Client.ListReviewCommentReactionsAsync(host.Call, Repo, id, null, CancellationToken.None);
        var second = await host.Client.ListReviewCommentReactionsAsync(host.Call, Repo, id, first.ETag, CancellationToken.None);
        host.Simulator.AddReaction(id, "-1", "other");
        var third = await host.Client.ListReviewCommentReactionsAsync(host.Call, Repo, id, first.ETag, CancellationToken.None);

        Assert.True(first.IsOk);
        Assert.Equal("+1", Assert.Single(first.Value!).Content);
        Assert.NotNull(first.ETag);
        Assert.Equal(GitHubStatus.NotModified, second.Status);
        Assert.Null(second.Value);
        Assert.True(third.IsOk);
        Assert.Equal(["+1", "-1"], third.Value!.Select(r => r.Content));
        Assert.NotEqual(first.ETag, third.ETag);
        var polls = host.Simulator.Requests.Where(r => r.Path.EndsWith("/reactions", StringComparison.Ordinal)).ToList();
        Assert.Equal([200, 304, 200], polls.Select(r => r.Status));
        Assert.Equal(first.ETag, polls[1].IfNoneMatch);
    }

    [Fact]
    public async Task IssueCommentReactions_ETag_NotModified()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 5)));
        var id = host.Simulator.AddIssueComment(Reviews.Repository, 1, "ReviewBot summary", "reviewbot[bot]");
        host.Simulator.AddIssueCommentReaction(id, "heart", "maintainer");

        var first = await host.Client.ListIssueCommentReactionsAsync(host.Call, Repo, id, null, CancellationToken.None);
        var second = await host.Client.ListIssueCommentReactionsAsync(host.Call, Repo, id, first.ETag, CancellationToken.None);

        Assert.Equal("maintainer", Assert.Single(first.Value!).User!.Login);
        Assert.Equal(GitHubStatus.NotModified, second.Status);
    }

    [Fact]
    public async Task ReviewComments_RollupAndReplies_ListedWithCounts()
    {
        await using var host = await GitHubTestHost.StartAsync();
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 5)));
        var review = await host.Client.CreateReviewAsync(host.Call, Repo, 1, new CreateReviewRequest
        {
            CommitId = Reviews.HeadSha,
            Event = "COMMENT",
            Body = "summary",
            Comments = [new DraftReviewComment { Path = "src/A.cs", Body = "one", Line = 2, Side = "RIGHT" }],
        }, CancellationToken.None);
        var comment = (await host.Client.ListCommentsOfReviewAsync(host.Call, Repo, 1, review.Value!.Id, CancellationToken.None)).Value!.Single();
        host.Simulator.AddReaction(comment.Id, "+1", "a");
        host.Simulator.AddReaction(comment.Id, "+1", "b");
        host.Simulator.AddReaction(comment.Id, "-1", "c");

        var reply = await host.Client.ReplyToReviewCommentAsync(host.Call, Repo, 1, comment.Id, "thanks", CancellationToken.None);
        var fileComment = await host.Client.CreateFileCommentAsync(host.Call, Repo, 1, Reviews.HeadSha, "src/A.cs", "about the whole file", CancellationToken.None);
        var listed = await host.Client.ListReviewCommentsAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.Equal(comment.Id, reply.Value!.InReplyToId);
        Assert.Equal("file", fileComment.Value!.SubjectType);
        var first = listed.Value!.Single(c => c.Id == comment.Id);
        Assert.Equal(2, first.Reactions!.PlusOne);
        Assert.Equal(1, first.Reactions.MinusOne);
        Assert.Equal(3, listed.Value!.Count);
    }

    [Fact]
    public async Task CheckRun_CreateThenComplete()
    {
        await using var host = await GitHubTestHost.StartAsync();

        var created = await host.Client.CreateCheckRunAsync(host.Call, Repo, new CheckRunRequest { Name = "ReviewBot", HeadSha = Reviews.HeadSha, Status = "in_progress" }, CancellationToken.None);
        var done = await host.Client.UpdateCheckRunAsync(host.Call, Repo, created.Value!.Id, new CheckRunRequest
        {
            Status = "completed",
            Conclusion = "neutral",
            Output = new CheckRunOutput { Title = "ReviewBot", Summary = "2 findings" },
        }, CancellationToken.None);

        Assert.Equal("in_progress", created.Value.Status);
        Assert.Equal("completed", done.Value!.Status);
        var run = Assert.Single(host.Simulator.GetCheckRuns(Reviews.Repository));
        Assert.Equal(("completed", "neutral", "2 findings"), (run.Status, run.Conclusion, run.Summary));
    }

    [Fact]
    public async Task Send_LinkToAnotherHost_RefusedWithoutSending()
    {
        await using var host = await GitHubTestHost.StartAsync();

        var result = await host.Client.Connection.SendAsync(new GitHubRequest { Method = HttpMethod.Get, AbsoluteUri = new Uri("http://example.invalid/repos/x/y/pulls?page=2") }, host.Call, CancellationToken.None);

        Assert.Equal(GitHubStatus.Failed, result.Status);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task UnknownEndpoint_NotFoundAndRecordedAsUnexpected()
    {
        await using var host = await GitHubTestHost.StartAsync();
        host.AllowUnexpectedRequests = true;

        var result = await host.Client.Connection.SendAsync(new GitHubRequest { Method = HttpMethod.Get, Path = "repos/octo-org/demo/teleport" }, host.Call, CancellationToken.None);

        Assert.Equal(GitHubStatus.NotFound, result.Status);
        Assert.Single(host.Simulator.UnexpectedRequests);
    }

    [Theory]
    [InlineData("<https://api.github.com/r?page=2>; rel=\"next\", <https://api.github.com/r?page=5>; rel=\"last\"", "https://api.github.com/r?page=2")]
    [InlineData("<https://api.github.com/r?page=1>; rel=\"prev\", <https://api.github.com/r?page=1>; rel=\"first\"", null)]
    [InlineData("", null)]
    [InlineData("garbage", null)]
    public void LinkHeader_Next_Parsed(string header, string? expected)
    {
        Assert.Equal(expected, LinkHeader.Next(header)?.ToString());
    }

    [Theory]
    [InlineData("octo-org/demo", true)]
    [InlineData("octo-org/demo.js", true)]
    [InlineData("octo-org", false)]
    [InlineData("a/b/c", false)]
    [InlineData("../etc", false)]
    [InlineData("octo org/demo", false)]
    public void RepositoryName_TryParse_OnlyOwnerSlashName(string text, bool valid)
    {
        Assert.Equal(valid, RepositoryName.TryParse(text, out _));
    }
}
