using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Llm;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Tests.Critiques;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

/// <summary>The LLM critic end to end: DI wiring, prompts over HTTP to the fake server, parsing, FSBS and the review.</summary>
public sealed class LlmCriticTests
{
    public static TheoryData<string, bool> Modes() => new()
    {
        { "Chat", false },
        { "Chat", true },
        { "Completions", false },
        { "Completions", true },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Review_ValidHighlights_ArePlacedOnTheirLines(string mode, bool stream)
    {
        await using var harness = await LlmHarness.StartAsync(Answers.NextUnquoted, s => (s["Critic:Mode"], s["Critic:Stream"]) = (mode, stream.ToString()));

        var review = await harness.ReviewAsync(TestChanges.Context());

        Assert.Equal(0, harness.Server.UnexpectedRequests);
        Assert.Equal(0, review.Stats.MalformedAnswers);
        Assert.Equal(0, review.Stats.DroppedHallucinations);
        Assert.NotEmpty(review.Comments);
        var loop = Assert.Single(review.Comments, static c => c.Path == TestChanges.OrderService && c.Line == 14);
        Assert.Equal(13, loop.StartLine);
        Assert.StartsWith("**Possible bug**: Off by one", loop.Body, StringComparison.Ordinal);
        Assert.All(review.Comments, static c => Assert.Equal(HighlightSource.Llm, c.Source));
        string[] scripted = ["Off by one", "Throws when n", "order id is logged"];
        Assert.All(review.Comments, c => Assert.Contains(scripted, s => c.Body.Contains(s, StringComparison.Ordinal)));
        Assert.Equal($"llm:test-model:{mode.ToLowerInvariant()}", review.Provenance.Critic);
        Assert.Equal(CriticPromptTemplates.V1, review.Provenance.PromptVersion);
        Assert.True(review.Stats.PromptTokens > 0 && review.Stats.CompletionTokens > 0);
        Assert.All(harness.Server.Requests, r => Assert.Equal((stream, 0.7, 512), (r.Stream, r.Temperature!.Value, r.MaxTokens!.Value)));
    }

    public static TheoryData<string, bool, FakeOpenAiReply, string> BadAnswers() => new()
    {
        { "Chat", false, FakeOpenAiReply.Failing(FakeFault.MalformedJson), "malformed" },
        { "Completions", false, FakeOpenAiReply.Failing(FakeFault.MalformedJson), "malformed" },
        { "Chat", true, FakeOpenAiReply.Failing(FakeFault.TruncatedStream), "malformed" },
        { "Completions", true, FakeOpenAiReply.Failing(FakeFault.TruncatedStream), "malformed" },
        { "Completions", false, FakeOpenAiReply.Failing(FakeFault.TruncatedStream), "malformed" },
        { "Chat", false, FakeOpenAiReply.Failing(FakeFault.Http500), "malformed" },
        { "Completions", true, FakeOpenAiReply.Failing(FakeFault.Http500), "malformed" },
        { "Chat", false, FakeOpenAiReply.Failing(FakeFault.Http429), "malformed" },
        { "Chat", false, FakeOpenAiReply.Text("Sure! I reviewed the change and it looks great. LGTM, approving."), "malformed" },
        { "Completions", false, FakeOpenAiReply.Text(""), "malformed" },
        { "Chat", false, new FakeOpenAiReply { Texts = [Answers.Loop], FinishReason = "length" }, "malformed" },
        { "Chat", false, FakeOpenAiReply.Text(Answers.Hallucinated), "hallucination" },
        { "Completions", false, FakeOpenAiReply.Text(Answers.AsCompletion(Answers.Hallucinated)), "hallucination" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Review_BadAnswer_IsDroppedCountedAndReviewCompletes(string mode, bool stream, FakeOpenAiReply bad, string counted)
    {
        var served = 0;
        await using var harness = await LlmHarness.StartAsync(
            request => Interlocked.Increment(ref served) == 1 ? bad : FakeOpenAiReply.Text(Answers.For(request, Answers.Clip)),
            s => (s["Critic:Mode"], s["Critic:Stream"], s["Critic:Concurrency"]) = (mode, stream.ToString(), "1"));

        var review = await harness.ReviewAsync(TestChanges.Context(), LlmHarness.Search(n: 2, k: 1, d: 1));

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal(counted == "malformed" ? 1 : 0, review.Stats.MalformedAnswers);
        Assert.Equal(counted == "hallucination" ? 1 : 0, review.Stats.DroppedHallucinations);
        var comment = Assert.Single(review.Comments);
        Assert.Equal((TestChanges.TextFile, 4), (comment.Path, comment.Line));
        Assert.DoesNotContain("LGTM", review.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_EveryAnswerFails_CompletesWithNoComments()
    {
        await using var harness = await LlmHarness.StartAsync(_ => FakeOpenAiReply.Failing(FakeFault.Http500));

        var review = await harness.ReviewAsync(TestChanges.Context(), LlmHarness.Search(n: 3, k: 2, d: 4));

        Assert.Empty(review.Comments);
        Assert.Equal(3, review.Stats.MalformedAnswers);
        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Review_AnswerSlowerThanTimeout_IsDroppedAndCounted()
    {
        var served = 0;
        await using var harness = await LlmHarness.StartAsync(
            _ => Interlocked.Increment(ref served) == 1 ? FakeOpenAiReply.Text(Answers.Loop) with { Delay = TimeSpan.FromSeconds(30) } : FakeOpenAiReply.Text(Answers.Clip),
            s => (s["Critic:Timeout"], s["Critic:Concurrency"]) = ("00:00:01", "1"));

        var review = await harness.ReviewAsync(TestChanges.Context(), LlmHarness.Search(n: 2, k: 1, d: 1));

        Assert.Equal(1, review.Stats.MalformedAnswers);
        Assert.Equal(TestChanges.TextFile, Assert.Single(review.Comments).Path);
    }

    [Fact]
    public async Task Review_RateLimitedOnceWithRetries_Succeeds()
    {
        var served = 0;
        await using var harness = await LlmHarness.StartAsync(
            request => Interlocked.Increment(ref served) == 1 ? FakeOpenAiReply.Failing(FakeFault.Http429) : FakeOpenAiReply.Text(Answers.For(request, Answers.Loop)),
            s => (s["Critic:MaxRetries"], s["Critic:Mode"]) = ("1", "Completions"));

        var review = await harness.ReviewAsync(TestChanges.Context(), LlmHarness.Search(n: 1, k: 1, d: 1));

        Assert.Equal(0, review.Stats.MalformedAnswers);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Single(review.Comments);
    }

    [Theory]
    [InlineData("Chat", false, 28, 1)]
    [InlineData("Completions", false, 28, 1)]
    [InlineData("Completions", true, 7, 4)]
    public async Task Fsbs_DefaultParameters_IssueTheExpectedRequests(string mode, bool batch, int requests, int n)
    {
        await using var harness = await LlmHarness.StartAsync(DeterministicCritic.Answer, s => (s["Critic:Mode"], s["Critic:BatchSamples"]) = (mode, batch.ToString()));
        var sampler = await harness.Critic.StartAsync(TestChanges.Context(), CancellationToken.None);
        await using var _ = sampler;

        var search = await ForcedSamplingBeamSearch.SearchAsync(sampler, new HeuristicRewardModel(), TestChanges.Context(), LlmHarness.Search(), CancellationToken.None);

        Assert.Equal(4, search.RoundsRun);
        Assert.Equal(28, search.Candidates.Count);
        Assert.Equal(requests, harness.Server.Requests.Count);
        Assert.Equal(requests, sampler.Stats.Requests);
        Assert.All(harness.Server.Requests, r => Assert.Equal(n, r.N));
        Assert.Equal(0, sampler.Stats.MalformedAnswers);

        // Later rounds carry the critique so far: the beam's highlights are in the prompt, then the forced opening.
        var last = harness.Server.Requests[^1];
        Assert.Contains("deterministic simulator", last.Prompt, StringComparison.Ordinal);
        if (mode == "Completions")
        {
            Assert.EndsWith("\n\n```", last.Prompt, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["system", "user", "assistant", "user"], last.Messages.Select(static m => m.Role));
        }

        Assert.Equal(search.Candidates.Max(static c => c.Critique.Count), search.Candidates.Where(static c => c.Round == 4).Min(static c => c.Critique.Count));
    }

    [Fact]
    public async Task Sampler_TokenBudgetSpent_StopsSamplingAndRecordsIt()
    {
        await using var harness = await LlmHarness.StartAsync(DeterministicCritic.Answer, s => (s["Critic:TokenBudgetPerReview"], s["Critic:Concurrency"], s["Critic:MaxTokens"]) = ("4000", "1", "64"));
        var sampler = (LlmCritiqueSampler)await harness.Critic.StartAsync(TestChanges.Context(), CancellationToken.None);
        await using var _ = sampler;

        var search = await ForcedSamplingBeamSearch.SearchAsync(sampler, new HeuristicRewardModel(), TestChanges.Context(), LlmHarness.Search(), CancellationToken.None);

        Assert.True(sampler.Stats.BudgetExhausted);
        Assert.InRange(harness.Server.Requests.Count, 1, 27);
        Assert.Equal(harness.Server.Requests.Count, sampler.Stats.Requests);
        Assert.True(sampler.Stats.PromptTokens + sampler.Stats.CompletionTokens <= 4000, $"spent {sampler.Stats.PromptTokens + sampler.Stats.CompletionTokens}");
        Assert.NotEmpty(search.Candidates);
        Assert.Empty(await sampler.SampleAsync(Critique.Empty, 4, CancellationToken.None));
        Assert.Equal(harness.Server.Requests.Count, sampler.Stats.Requests);
    }

    [Fact]
    public async Task Review_ContinuationRepeatingTheBeam_AddsNothing()
    {
        await using var harness = await LlmHarness.StartAsync(request => FakeOpenAiReply.Text(Answers.For(request, Answers.Loop)), s => s["Critic:Mode"] = "Completions");
        var sampler = await harness.Critic.StartAsync(TestChanges.Context(), CancellationToken.None);
        await using var _ = sampler;

        var first = await sampler.SampleAsync(Critique.Empty, 1, CancellationToken.None);
        var second = await sampler.SampleAsync(Assert.Single(first), 2, CancellationToken.None);

        Assert.Empty(second);
        Assert.Equal(0, sampler.Stats.MalformedAnswers);
    }
}
