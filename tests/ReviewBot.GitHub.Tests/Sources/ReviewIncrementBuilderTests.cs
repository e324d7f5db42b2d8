using ReviewBot.GitHub.Sources;
using ReviewBot.GitHub.Tests.TestSupport;

namespace ReviewBot.GitHub.Tests.Sources;

/// <summary>Incremental review: what changed since the head reviewed last, worked out from whole files at both commits.</summary>
public sealed class ReviewIncrementBuilderTests
{
    private const string NewHead = "cccccccccccccccccccccccccccccccccccccccc";

    [Fact]
    public async Task Fetch_AfterAPushOnAReviewedHead_MarksOnlyTheLinesThePushChanged()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        var first = Enumerable.Range(1, 6).Select(i => Patches.LineText("src/A.cs", i)).ToList();
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", first)) with
        {
            HeadFiles = new Dictionary<string, string> { ["src/A.cs"] = string.Join('\n', first) + "\n" },
        });

        // The push inserts a line after line 2 and rewrites line 5.
        var second = new List<string>(first);
        second.Insert(2, "var inserted = true;");
        second[5] = "var rewritten = 5;";
        host.Simulator.Push(Reviews.Repository, 1, NewHead, Patches.AddedFile("src/A.cs", second), new Dictionary<string, string> { ["src/A.cs"] = string.Join('\n', second) + "\n" });

        var fetched = await host.Get<GitHubPullRequestSource>().FetchAsync(Reviews.Target(NewHead) with { ReviewedBefore = Reviews.HeadSha }, CancellationToken.None);

        Assert.True(fetched.IsSuccess, fetched.Reason);
        var increment = fetched.Context!.Increment!;
        Assert.Equal(Reviews.HeadSha, increment.SinceSha);
        Assert.Equal(new HashSet<int> { 3, 6 }, increment.Lines["src/A.cs"]);
        Assert.True(fetched.Context.IsInFocus("src/A.cs", 3, 3));
        Assert.False(fetched.Context.IsInFocus("src/A.cs", 1, 2));
    }

    [Fact]
    public async Task Fetch_FileNewSinceTheLastReview_CountsWholeFileAsChanged()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)) with
        {
            HeadFiles = new Dictionary<string, string> { ["src/A.cs"] = Patches.AddedContent("src/A.cs", 3) },
        });
        host.Simulator.Push(Reviews.Repository, 1, NewHead, Patches.AddedFile("src/A.cs", 3) + Patches.AddedFile("src/B.cs", 2), new Dictionary<string, string>
        {
            ["src/A.cs"] = Patches.AddedContent("src/A.cs", 3),
            ["src/B.cs"] = Patches.AddedContent("src/B.cs", 2),
        });

        var fetched = await host.Get<GitHubPullRequestSource>().FetchAsync(Reviews.Target(NewHead) with { ReviewedBefore = Reviews.HeadSha }, CancellationToken.None);

        var context = fetched.Context!;
        Assert.Contains("src/B.cs", context.Increment!.WholeFiles);
        Assert.True(context.IsInFocus("src/B.cs", 1, 1));
        Assert.False(context.IsInFocus("src/A.cs", 1, 3));
    }

    [Fact]
    public async Task Fetch_WithoutAnEarlierReview_IsAFullReview()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Anonymous);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        var fetched = await host.Get<GitHubPullRequestSource>().FetchAsync(Reviews.Target(), CancellationToken.None);

        Assert.Null(fetched.Context!.Increment);
        Assert.True(fetched.Context.IsInFocus("src/A.cs", 1, 1));
    }
}
