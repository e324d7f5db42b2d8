using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Security;
using ReviewBot.Core.Tests.Critiques;

namespace ReviewBot.Core.Tests.Security;

public sealed class ChangeRedactorTests
{
    [Fact]
    public void Redact_SecretsInHunksAndPullRequest_AreMaskedAndLinesKept()
    {
        var token = FakeSecrets.GitHubToken(40);
        var pem = FakeSecrets.PrivateKeyBlock(41, "+");
        var patch = $$"""
            diff --git a/appsettings.json b/appsettings.json
            --- a/appsettings.json
            +++ b/appsettings.json
            @@ -1,2 +1,9 @@
             {
            +  "Token": "{{token}}",
            {{pem}}
             }

            """;
        var context = new ChangeContext
        {
            Diff = TestChanges.Parse(patch),
            PullRequest = new PullRequestInfo { Repository = "o/r", Number = 1, HeadSha = "h", Title = $"Rotate {token}", Body = $"old: {token}" },
        };

        var (redacted, count) = ChangeRedactor.Redact(context);

        Assert.Equal(4, count);
        var original = context.Diff.Files[0].NewSideLines.ToList();
        var masked = redacted.Diff.Files[0].NewSideLines.ToList();
        Assert.Equal(original.Select(static l => l.NewLine), masked.Select(static l => l.NewLine));
        Assert.DoesNotContain(masked, l => l.Text.Contains(token, StringComparison.Ordinal));
        Assert.Contains(masked, l => l.Text.Contains("[REDACTED:private-key]", StringComparison.Ordinal));
        Assert.DoesNotContain(token, redacted.PullRequest!.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(token, redacted.PullRequest.Body!, StringComparison.Ordinal);
        Assert.Contains(token, context.PullRequest.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_NoSecrets_ReturnsSameLines()
    {
        var context = TestChanges.Context();

        var (redacted, count) = ChangeRedactor.Redact(context);

        Assert.Equal(0, count);
        Assert.Same(context.Diff.Files[0].Hunks[0], redacted.Diff.Files[0].Hunks[0]);
    }
}
