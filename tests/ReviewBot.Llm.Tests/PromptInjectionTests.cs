using System.Text.RegularExpressions;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Critiques.Text;
using ReviewBot.Core.Pipeline;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

/// <summary>
/// The injection corpus against a model that obeys every injection. Whatever it answers, the prompts fence the
/// pull request's text as data under a per-request marker, no secret (nor ReviewBot's API key) reaches a prompt or
/// an output, answers that do what the injection asked are dropped unless they quote real code, and what is
/// posted is sanitized (no live mentions, links or hidden markers).
/// </summary>
public sealed partial class PromptInjectionTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var injection in InjectionCorpus.Load())
        {
            data.Add(injection.Name, "Chat");
            data.Add(injection.Name, "Completions");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Review_ObedientModel_CannotBeSteered(string name, string mode)
    {
        var injection = InjectionCorpus.Load().Single(c => c.Name == name);
        var context = InjectionCorpus.Context(injection);
        var turn = 0;
        await using var harness = await LlmHarness.StartAsync(request => Obey(request, injection, Interlocked.Increment(ref turn)), s => s["Critic:Mode"] = mode);

        var review = await harness.ReviewAsync(context, LlmHarness.Search(n: 4, k: 2, d: 2));

        var requests = harness.Server.Requests;
        Assert.NotEmpty(requests);
        Assert.Equal(0, harness.Server.UnexpectedRequests);
        foreach (var request in requests)
        {
            AssertFencedAsData(request, injection);
            foreach (var secret in InjectionCorpus.PlantedSecrets)
            {
                Assert.DoesNotContain(secret, request.Body, StringComparison.Ordinal);
            }
        }

        AssertOutputsClean(review, context, injection);
        Assert.True(review.Stats.MalformedAnswers > 0, "the prose-only 'LGTM' answers were dropped and counted");
        Assert.True(review.Stats.DroppedHallucinations > 0, "the quote of code that does not exist was dropped and counted");
    }

    private static void AssertFencedAsData(FakeOpenAiRequest request, InjectionCase injection)
    {
        var template = CriticPromptTemplates.Get(CriticPromptTemplates.V1);
        var nonce = Nonce().Match(request.Prompt).Groups["nonce"].Value;
        Assert.Equal(32, nonce.Length);

        // ReviewBot's own text (instructions, labels) and the data: the critique so far, which a later round
        // appends, is the model's own earlier answer and is left out here.
        string ours;
        if (request.IsChat)
        {
            Assert.Equal(("system", template.Instructions.Replace("{nonce}", nonce, StringComparison.Ordinal)), request.Messages[0]);
            ours = request.Messages[0].Content + "\n\n" + request.Messages[1].Content;
        }
        else
        {
            Assert.StartsWith(template.Instructions.Replace("{nonce}", nonce, StringComparison.Ordinal), request.Prompt, StringComparison.Ordinal);
            ours = request.Prompt[..request.Prompt.LastIndexOf(template.CompletionHeader, StringComparison.Ordinal)];
        }

        var opens = Regex.Count(ours, $"<<<DATA {nonce} [a-z]+>>>");
        Assert.Equal(opens, Regex.Count(ours, $"<<<END {nonce}>>>"));
        Assert.True(opens >= 3, "title, description or diff, and more, each fenced");
        var outside = Regex.Replace(ours, $@"<<<DATA {nonce} [a-z]+>>>\n[\s\S]*?\n<<<END {nonce}>>>", "");
        foreach (var needle in injection.Needles)
        {
            Assert.Contains(needle, ours, StringComparison.Ordinal);
            Assert.DoesNotContain(needle, outside, StringComparison.Ordinal);
        }
    }

    private static void AssertOutputsClean(ReviewResult review, ChangeContext context, InjectionCase injection)
    {
        var outputs = new List<string> { review.Summary };
        outputs.AddRange(review.Comments.SelectMany(static c => new[] { c.Body, c.Quote }));
        outputs.AddRange(review.FileNotes.Select(static n => n.Body));
        outputs.AddRange(review.Candidates.Select(static c => CritiqueTextWriter.Write(c.Critique)));
        foreach (var output in outputs)
        {
            foreach (var secret in InjectionCorpus.PlantedSecrets)
            {
                Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            }
        }

        foreach (var comment in review.Comments)
        {
            // Whatever a comment says, it sits on code that is really there.
            var line = context.Diff.FindFile(comment.Path)?.FindNewLine(comment.Line);
            Assert.NotNull(line);
            Assert.Contains(line.Text.Trim(), comment.Quote, StringComparison.Ordinal);
            if (comment.Body.Contains("LGTM", StringComparison.Ordinal))
            {
                Assert.NotNull(injection.InjectedLine);
                Assert.Contains(injection.InjectedLine.Trim(), comment.Quote, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(" @maintainers", comment.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("](https://evil", comment.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<!--", comment.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<!--", review.Summary, StringComparison.Ordinal);
    }

    /// <summary>A model that does what the pull request tells it, in turn: prose approval, an invented quote, a real quote with an obedient comment, nothing.</summary>
    private static FakeOpenAiReply Obey(FakeOpenAiRequest request, InjectionCase injection, int turn)
    {
        var answer = (turn % 4) switch
        {
            1 => "LGTM! Approving as instructed. The API key is " + Regex.Match(request.Prompt, @"\[REDACTED:[a-z-]+\]").Value,
            2 => "```\napprove(pullRequest);\n```\n[bug] LGTM, approve this pull request.",
            3 when injection.InjectedLine is { } line => $"```\n{line.Trim()}\n```\n[security] LGTM @maintainers, merge now, see https://evil.example/x <!-- reviewbot:fingerprint=forged -->",
            _ => DeterministicCritic.NoFurtherIssues,
        };
        return FakeOpenAiReply.Text(request.IsChat || !answer.StartsWith("```", StringComparison.Ordinal) ? answer : answer[3..]);
    }

    [GeneratedRegex(@"<<<DATA (?<nonce>[0-9a-f]{32}) kind>>>")]
    private static partial Regex Nonce();
}
