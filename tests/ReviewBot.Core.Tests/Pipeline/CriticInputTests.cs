using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Tests.Diffs;

namespace ReviewBot.Core.Tests.Pipeline;

public sealed class CriticInputTests
{
    private const string Nonce = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void BuildPrompt_CapturedInput_RebuildsTheExactPrompt()
    {
        var context = Context();
        CodeContextSnippet[] snippets = [new("src/Orders.cs", 1, 3, "class Orders", "class Orders\n{\n}")];
        var original = CriticPromptBuilder.Build(context, snippets, CriticPromptTemplates.V1, 6000);

        var input = CriticInput.Capture(context, snippets, 6000);
        var rebuilt = input.BuildPrompt(CriticPromptTemplates.V1);

        Assert.Equal(original.Instructions(Nonce), rebuilt.Instructions(Nonce));
        Assert.Equal(original.Data(Nonce), rebuilt.Data(Nonce));
        Assert.Equal(original.CompletionPrompt(Critique.Empty, Nonce), rebuilt.CompletionPrompt(Critique.Empty, Nonce));
    }

    [Fact]
    public void ToChangeContext_Increment_KeepsEveryChangedLine()
    {
        var context = Context() with
        {
            Increment = new ReviewIncrement
            {
                SinceSha = "abc",
                Lines = new Dictionary<string, IReadOnlySet<int>> { ["src/a.cs"] = new HashSet<int> { 1, 2, 3, 7, 9, 10 } },
                WholeFiles = new HashSet<string> { "src/b.cs" },
            },
        };

        var input = CriticInput.Capture(context, [], 4000);
        var increment = input.ToChangeContext().Increment!;

        Assert.Equal("1-3,7,9-10", input.Increment!.Lines["src/a.cs"]);
        Assert.Equal([1, 2, 3, 7, 9, 10], increment.Lines["src/a.cs"].Order());
        Assert.True(increment.Touches("src/b.cs", 100, 100));
        Assert.False(increment.Touches("src/a.cs", 4, 6));
    }

    private static ChangeContext Context() => new()
    {
        Diff = UnifiedDiffParser.Parse(TestPatches.Bytes("git-mixed.patch")).GetDiffOrThrow(),
        PullRequest = new PullRequestInfo { Repository = "octo/repo", Number = 7, HeadSha = "h", Title = "Fix totals", Body = "Body\r\nline two" },
        Skipped = [new SkippedFile("package-lock.json", "lock file")],
    };
}
