using ReviewBot.Data.Feedback;
using ReviewBot.Data.Tests.Export;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Feedback;

public sealed class FeedbackStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RecordAsync_SameFactsAgain_AddsNothing(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        var reaction = FeedbackSeed.Reaction("octo/alpha", 1, 101, 9001, "+1", "alice", "OWNER");
        var reply = FeedbackEventFactory.Reply("octo/alpha", 1, 101, 555, "bob", "MEMBER", "Good catch", FeedbackSeed.T0, FeedbackSeed.T0.AddMinutes(5), "d1").ToList();

        var first = await seed.Events.RecordAsync([reaction, .. reply], CancellationToken.None);
        var again = await seed.Events.RecordAsync([reaction with { Content = "-1" }, .. reply], CancellationToken.None);
        var concurrently = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => seed.Events.RecordAsync([reaction], CancellationToken.None)));

        Assert.Equal(3, first);
        Assert.Equal(0, again);
        Assert.All(concurrently, static added => Assert.Equal(0, added));
        var stored = await seed.Events.ListEventsAsync("octo/alpha", 1, CancellationToken.None);
        Assert.Equal([FeedbackEventKind.ReactionAdded, FeedbackEventKind.ReplyCreated, FeedbackEventKind.ReplyEdited], stored.Select(static e => e.Kind));
        Assert.Equal("+1", stored[0].Content);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task FindAssociationAsync_LearnedOwnerOrUnknown(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.Events.LearnAssociationsAsync("octo/alpha", [("Carol", "contributor"), ("dave", "MEMBER")], CancellationToken.None);
        await seed.Events.LearnAssociationsAsync("octo/alpha", [("dave", "COLLABORATOR")], CancellationToken.None);

        Assert.Equal("CONTRIBUTOR", await seed.Events.FindAssociationAsync("octo/alpha", "carol", CancellationToken.None));
        Assert.Equal("COLLABORATOR", await seed.Events.FindAssociationAsync("octo/alpha", "DAVE", CancellationToken.None));
        Assert.Equal("OWNER", await seed.Events.FindAssociationAsync("octo/alpha", "Octo", CancellationToken.None));
        Assert.Null(await seed.Events.FindAssociationAsync("octo/alpha", "stranger", CancellationToken.None));
        Assert.Null(await seed.Events.FindAssociationAsync("octo/beta", "carol", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ListEventsAsync_AssociationUnknownWhenRecorded_ResolvedFromWhatWasLearnedLater(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.RecordAsync(FeedbackSeed.Reaction("octo/alpha", 1, 101, 9001, "+1", "Erin", null));
        await seed.Events.LearnAssociationsAsync("octo/alpha", [("erin", "MEMBER")], CancellationToken.None);

        var stored = Assert.Single(await seed.Events.ListEventsAsync("octo/alpha", 1, CancellationToken.None));

        Assert.Equal("MEMBER", stored.AuthorAssociation);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task FindPostedCommentAsync_OursAndNotOurs(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.AddReviewAsync("octo/alpha", 7, 701, 702);

        var ours = await seed.Events.FindPostedCommentAsync(702, CancellationToken.None);

        Assert.Equal(("octo/alpha", 7), (ours!.Repository, ours.PullNumber));
        Assert.Null(await seed.Events.FindPostedCommentAsync(999, CancellationToken.None));
        Assert.Equal([701L, 702L], (await seed.Events.ListPostedCommentsAsync("octo/alpha", 7, CancellationToken.None)).Select(static c => c.CommentId));
        Assert.True(await seed.Events.HasReviewAsync("octo/alpha", 7, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ListTargetsAsync_OpenRecentOnce_ClosedOnlyUntilItsLastPass(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.AddReviewAsync("octo/alpha", 1, 101);
        await seed.AddReviewAsync("octo/alpha", 2, 201);
        await seed.Events.UpsertPullRequestAsync(new PullRequestState { Repository = "octo/alpha", Number = 2, State = "open", HeadSha = "h2" }, CancellationToken.None);
        var since = FeedbackSeed.T0.AddDays(-1);

        Assert.Equal([1, 2], (await seed.Poll.ListTargetsAsync(since, null, 10, CancellationToken.None)).Select(static t => t.PullNumber).Order());
        Assert.Empty(await seed.Poll.ListTargetsAsync(FeedbackSeed.T0.AddDays(1), null, 10, CancellationToken.None));

        seed.Time.Now = FeedbackSeed.T0.AddHours(1);
        await seed.Events.UpsertPullRequestAsync(new PullRequestState { Repository = "octo/alpha", Number = 2, State = "closed", Merged = true, ClosedAt = FeedbackSeed.T0.AddHours(1) }, CancellationToken.None);
        await seed.Poll.MarkPolledAsync("octo/alpha", 1, CancellationToken.None);
        var targets = await seed.Poll.ListTargetsAsync(since, null, 10, CancellationToken.None);
        Assert.Equal(2, targets[0].PullNumber);
        Assert.True(targets[0].Closed);
        Assert.Equal("h2", targets[0].HeadSha);

        seed.Time.Now = FeedbackSeed.T0.AddHours(2);
        await seed.Poll.MarkPolledAsync("octo/alpha", 2, CancellationToken.None);
        Assert.Equal([1], (await seed.Poll.ListTargetsAsync(since, null, 10, CancellationToken.None)).Select(static t => t.PullNumber));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SaveReactionsAsync_StateCountsEtagAndEventsTogether(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.AddReviewAsync("octo/alpha", 1, 101);
        var target = new PollTarget("octo/alpha", 1, null, null, false);
        var up = new StoredReaction(5, "alice", "+1", FeedbackSeed.T0);

        await seed.Poll.SaveReactionsAsync("octo/alpha", 1, 101, "+1=1", "W/\"a\"", [up], [FeedbackEventFactory.Reaction(target, 101, up, "OWNER", null)], CancellationToken.None);
        await seed.Poll.SaveReactionsAsync("octo/alpha", 1, 101, "+1=0", "W/\"b\"", [], [FeedbackEventFactory.Reaction(target, 101, up, "OWNER", FeedbackSeed.T0.AddHours(1))], CancellationToken.None);
        await seed.Poll.SetEtagAsync("page", new StoredEtag("W/\"p\"", "http://x/next", 100), CancellationToken.None);

        var comment = Assert.Single(await seed.Poll.ListCommentsAsync("octo/alpha", 1, CancellationToken.None));
        Assert.Equal(("+1=0", "W/\"b\""), (comment.ReactionCounts, comment.ReactionsEtag));
        Assert.Empty(await seed.Poll.ListReactionsAsync(101, CancellationToken.None));
        Assert.Equal([FeedbackEventKind.ReactionAdded, FeedbackEventKind.ReactionRemoved], (await seed.Events.ListEventsAsync("octo/alpha", 1, CancellationToken.None)).Select(static e => e.Kind));
        Assert.Equal(new StoredEtag("W/\"p\"", "http://x/next", 100), await seed.Poll.GetEtagAsync("page", CancellationToken.None));
        Assert.Null(await seed.Poll.GetEtagAsync("other", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SaveCodeCheckAsync_ChangedOnce_NotCheckedAgain(StorageProvider provider)
    {
        await using var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.AddReviewAsync("octo/alpha", 1, 101);
        var change = new FeedbackEvent { Key = FeedbackEvents.CodeChanged(101), Repository = "octo/alpha", PullNumber = 1, CommentId = 101, Kind = FeedbackEventKind.CodeChanged, HeadSha = "h3", OccurredAt = FeedbackSeed.T0 };

        await seed.Poll.SaveCodeCheckAsync("octo/alpha", 1, 101, "h2", null, CancellationToken.None);
        var unchanged = Assert.Single(await seed.Poll.ListCommentsAsync("octo/alpha", 1, CancellationToken.None));
        await seed.Poll.SaveCodeCheckAsync("octo/alpha", 1, 101, "h3", change, CancellationToken.None);
        var changed = Assert.Single(await seed.Poll.ListCommentsAsync("octo/alpha", 1, CancellationToken.None));

        Assert.Equal(("h2", false), (unchanged.CheckedHeadSha, unchanged.CodeChanged));
        Assert.Equal(("h3", true), (changed.CheckedHeadSha, changed.CodeChanged));
        Assert.Single(await seed.Events.ListEventsAsync("octo/alpha", 1, CancellationToken.None));
    }
}
