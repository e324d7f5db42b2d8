using System.Text.Json.Nodes;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Publishing;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Tests.TestSupport;
using ReviewBot.Simulators.GitHub;
using Xunit.Abstractions;

namespace ReviewBot.GitHub.Tests.Publishing;

public sealed class GitHubReviewPublisherTests(ITestOutputHelper output)
{
    private const string A = "src/A.cs";
    private const string B = "src/B.cs";
    private static readonly string Patch = Patches.AddedFile(A, 20) + Patches.ModifiedFile(B, 10, "first();", "second();");

    private static async Task<GitHubTestHost> StartAsync(TestAuth auth = TestAuth.Token, Action<Dictionary<string, string?>>? configure = null, string? patch = null)
    {
        var host = await GitHubTestHost.StartAsync(auth, configure);
        host.Simulator.AddPullRequest(Reviews.PullRequest(patch ?? Patch));
        return host;
    }

    private static Core.Pipeline.ReviewComment OnA(int line) => Reviews.Comment(A, line, Patches.LineText(A, line));

    private static List<RecordedRequest> ReviewPosts(GitHubTestHost host) =>
        [.. host.Simulator.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal))];

    [Fact]
    public async Task Publish_ValidComments_OneCommentReviewPinnedToHeadWithMarkers()
    {
        await using var host = await StartAsync();
        var multiLine = Reviews.Comment(B, 14, "first();\nsecond();", startLine: 13);

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(3), multiLine), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal(outcome.ReviewId, review.Id);
        Assert.Equal("COMMENTED", review.State);
        Assert.Equal(Reviews.HeadSha, review.CommitId);
        Assert.EndsWith($"<!-- reviewbot:review head={Reviews.HeadSha} run=run-1 -->", review.Body, StringComparison.Ordinal);
        Assert.Equal(2, review.Comments.Count);
        var onB = review.Comments.Single(c => c.Path == B);
        Assert.Equal((13, 14, "RIGHT"), (onB.StartLine!.Value, onB.Line!.Value, onB.Side!));
        Assert.EndsWith($"<!-- reviewbot:fp={multiLine.Fingerprint} -->", onB.Body, StringComparison.Ordinal);
        Assert.Equal(review.Comments.Select(c => (long?)c.Id).Order(), outcome.Comments.Select(c => c.GitHubId).Order());
        var sent = JsonNode.Parse(ReviewPosts(host).Single().Body!)!;
        Assert.Equal("COMMENT", sent["event"]!.GetValue<string>());
        Assert.Empty(host.Simulator.UnexpectedRequests);
    }

    [Fact]
    public async Task Publish_LineOutsideTheDiff_MovedToBodyWithoutA422()
    {
        await using var host = await StartAsync();
        var outside = Reviews.Comment(B, 3, "context 3");

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(2), outside), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        Assert.Equal(1, outcome.MovedToBody);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal(A, Assert.Single(review.Comments).Path);
        Assert.Contains($"`{B}` line 3: {outside.Body}", review.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Simulator.Requests, r => r.Status == 422);
    }

    [Fact]
    public async Task Publish_GitHubRefusesOneComment_OthersStayInlineAndOneReviewIsSubmitted()
    {
        await using var host = await StartAsync();
        host.Simulator.RejectCommentsOn(A, 5);

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(2), OnA(5), OnA(8), OnA(11)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        Assert.Equal(1, outcome.MovedToBody);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal("COMMENTED", review.State);
        Assert.Equal([2, 8, 11], review.Comments.Select(c => c.Line!.Value).Order());
        Assert.Contains($"`{A}` line 5:", review.Body, StringComparison.Ordinal);
        var posts = ReviewPosts(host);
        Assert.Single(posts, p => JsonNode.Parse(p.Body!)!["event"] is not null && p.Status == 200);
        output.WriteLine($"422 recovery: {posts.Count} review POSTs ({string.Join(", ", posts.Select(p => p.Status))}), {host.Simulator.Requests.Count(r => r.Method == "DELETE")} probe deletions");
    }

    [Fact]
    public async Task Publish_GitHubRefusesEveryComment_BodyOnlyReview()
    {
        await using var host = await StartAsync();
        host.Simulator.RejectCommentsOn(A, 2);
        host.Simulator.RejectCommentsOn(A, 4);

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(2), OnA(4)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        Assert.Equal(2, outcome.MovedToBody);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Empty(review.Comments);
    }

    [Fact]
    public async Task Publish_SameHeadTwice_OneReviewAndTheSecondSendsNothing()
    {
        await using var host = await StartAsync();
        var publisher = host.Get<GitHubReviewPublisher>();

        var first = await publisher.PublishAsync(Reviews.Target(runId: "run-1"), Reviews.Result(OnA(3)), CancellationToken.None);
        var second = await publisher.PublishAsync(Reviews.Target(runId: "run-2"), Reviews.Result(OnA(3), OnA(9)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, first.Status);
        Assert.Equal(PublishStatus.AlreadyPosted, second.Status);
        Assert.Equal(first.ReviewId, second.ReviewId);
        Assert.Equal(first.Comments.Single().GitHubId, second.Comments.Single().GitHubId);
        Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Single(ReviewPosts(host));
    }

    [Fact]
    public async Task Publish_TimeoutAfterGitHubApplied_FoundByMarkerAndStillOneReview()
    {
        await using var host = await StartAsync(TestAuth.App, s => s["GitHub:RequestTimeout"] = "00:00:00.500");
        host.Simulator.InjectFault(new FaultRule { Method = "POST", PathEndsWith = "/reviews", Kind = FaultKind.TimeoutAfterApply });
        var target = Reviews.Target(installationId: GitHubTestHost.InstallationId);

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(target, Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal(review.Id, outcome.ReviewId);
        Assert.Equal("reviewbot[bot]", review.UserLogin);
        Assert.Single(ReviewPosts(host));
    }

    [Fact]
    public async Task Publish_ServerErrorBeforeApplying_NotFoundThenRetriedOnce()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "POST", PathEndsWith = "/reviews", Kind = FaultKind.ServerError });

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal([502, 200], ReviewPosts(host).Select(p => p.Status));
    }

    [Fact]
    public async Task Publish_ServerErrorTwice_AsksForALaterRetryAfterOneRetryWithoutDuplicates()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "POST", PathEndsWith = "/reviews", Kind = FaultKind.ServerError, Times = 5 });

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal(PublishStatus.RetryLater, outcome.Status);
        Assert.Contains("UnknownOutcome", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(2, ReviewPosts(host).Count);
        Assert.Empty(host.Simulator.GetReviews(Reviews.Repository, 1));
    }

    [Fact]
    public async Task Publish_FindingPostedOnEarlierHead_NotRepeatedEvenOnAnotherLine()
    {
        await using var host = await StartAsync();
        var publisher = host.Get<GitHubReviewPublisher>();
        await publisher.PublishAsync(Reviews.Target(), Reviews.Result(OnA(3), OnA(6)), CancellationToken.None);

        // A push adds two lines on top: the same code now sits two lines lower.
        const string newHead = "cccccccccccccccccccccccccccccccccccccccc";
        var lines = new List<string> { "// header one", "// header two" };
        lines.AddRange(Enumerable.Range(1, 20).Select(i => Patches.LineText(A, i)));
        host.Simulator.Push(Reviews.Repository, 1, newHead, Patches.AddedFile(A, lines));
        var moved = Reviews.Comment(A, 5, Patches.LineText(A, 3));
        var fresh = Reviews.Comment(A, 12, Patches.LineText(A, 10));

        var outcome = await publisher.PublishAsync(Reviews.Target(newHead, runId: "run-2"), Reviews.Result(moved, fresh), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        Assert.Equal(1, outcome.SkippedAsDuplicates);
        var second = host.Simulator.GetReviews(Reviews.Repository, 1).Single(r => r.CommitId == newHead);
        Assert.Equal(12, Assert.Single(second.Comments).Line);
        Assert.Contains("1 finding was already raised on an earlier commit", second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_EveryFindingPostedBefore_NothingSent()
    {
        await using var host = await StartAsync();
        var publisher = host.Get<GitHubReviewPublisher>();
        await publisher.PublishAsync(Reviews.Target(), Reviews.Result(OnA(3)), CancellationToken.None);
        const string newHead = "dddddddddddddddddddddddddddddddddddddddd";
        host.Simulator.Push(Reviews.Repository, 1, newHead, Patch);

        var outcome = await publisher.PublishAsync(Reviews.Target(newHead), Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal(PublishStatus.Skipped, outcome.Status);
        Assert.Equal(1, outcome.SkippedAsDuplicates);
        Assert.Single(ReviewPosts(host));
    }

    [Fact]
    public async Task Publish_ClosedOrMovedOn_SkippedWithoutWriting()
    {
        await using var host = await StartAsync();
        var publisher = host.Get<GitHubReviewPublisher>();

        var moved = await publisher.PublishAsync(Reviews.Target("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"), Reviews.Result(OnA(3)), CancellationToken.None);
        host.Simulator.Close(Reviews.Repository, 1, merged: true);
        var merged = await publisher.PublishAsync(Reviews.Target(), Reviews.Result(OnA(3)), CancellationToken.None);
        var missing = await publisher.PublishAsync(Reviews.Target(number: 404), Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal((PublishStatus.Skipped, PublishStatus.Skipped, PublishStatus.Skipped), (moved.Status, merged.Status, missing.Status));
        Assert.Contains("head moved", moved.Reason, StringComparison.Ordinal);
        Assert.Contains("merged", merged.Reason, StringComparison.Ordinal);
        Assert.Contains("NotFound", missing.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Simulator.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Publish_PendingProbeLeftByACrash_DeletedThenPosted()
    {
        await using var host = await StartAsync();
        var leftover = await host.Client.CreateReviewAsync(host.Call, RepositoryName.Parse(Reviews.Repository), 1, new CreateReviewRequest
        {
            CommitId = Reviews.HeadSha,
            Body = ReviewMarkers.Probe(Reviews.HeadSha),
            Comments = [new DraftReviewComment { Path = A, Body = "probe", Line = 1, Side = "RIGHT" }],
        }, CancellationToken.None);
        Assert.Equal("PENDING", leftover.Value!.State);

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(OnA(3)), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        var review = Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
        Assert.Equal("COMMENTED", review.State);
    }

    [Fact]
    public async Task Publish_TwentyFilePullRequest_SixRequestsPerReview()
    {
        var patch = string.Concat(Enumerable.Range(1, 20).Select(i => Patches.AddedFile($"src/F{i:00}.cs", 30)));
        await using var host = await StartAsync(patch: patch);
        var comments = Enumerable.Range(1, 4).Select(i => Reviews.Comment($"src/F{i * 4:00}.cs", 7, Patches.LineText($"src/F{i * 4:00}.cs", 7))).ToArray();

        var outcome = await host.Get<GitHubReviewPublisher>().PublishAsync(Reviews.Target(), Reviews.Result(comments), CancellationToken.None);

        Assert.Equal(PublishStatus.Posted, outcome.Status);
        var requests = host.Simulator.Requests;
        output.WriteLine($"requests for one review of a 20-file pull request: {requests.Count}");
        foreach (var request in requests)
        {
            output.WriteLine($"  {request.Method} {request.Path} -> {request.Status}");
        }

        Assert.Equal(6, requests.Count);
        Assert.Single(requests, r => r.IsWrite);
    }
}
