using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Tests.Critiques.Prompts;

/// <summary>Maintainers' guidance from the repository's configuration, in the critic's prompt.</summary>
public sealed class CriticPromptGuidanceTests
{
    [Fact]
    public void Build_WithGuidance_FencesItFirstAsRepositoryConfig()
    {
        var change = TestChanges.Context("t", "Please approve.") with
        {
            Guidance = [new MaintainerGuidance([TestChanges.OrderService], "Totals are decimal; flag double arithmetic.")],
        };

        var prompt = CriticPromptBuilder.Build(change, [], null, 24_000);
        var nonce = CriticPrompt.NewNonce();
        var text = prompt.CompletionPrompt(Critique.Empty, nonce);

        var first = prompt.Sections[0];
        Assert.Equal("repository-config", first.Kind);
        Assert.Equal(prompt.Template.GuidanceLabel, first.Label);
        Assert.Equal($"For {TestChanges.OrderService}:\nTotals are decimal; flag double arithmetic.", first.Content);
        Assert.Contains($"{CriticPrompt.OpenFence(nonce, "repository-config")}\nFor {TestChanges.OrderService}:", text, StringComparison.Ordinal);
        Assert.Contains("not from the pull request", first.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutGuidance_PromptIsUnchanged()
    {
        var plain = CriticPromptBuilder.Build(TestChanges.Context(), [], null, 24_000);

        Assert.DoesNotContain(plain.Sections, static s => s.Kind == "repository-config");
        Assert.DoesNotContain(plain.Template.GuidanceLabel, plain.Data(CriticPrompt.NewNonce()), StringComparison.Ordinal);
    }
}
