using ReviewBot.Core.Publishing;
using ReviewBot.Core.Tests.Security;

namespace ReviewBot.Core.Tests.Publishing;

public sealed class CommentSanitizerTests
{
    private const string Repo = "octo/shop";

    [Theory]
    [InlineData("ping @octocat please", "ping @\u200Boctocat please")]
    [InlineData("@org/team look", "@\u200Borg/team look")]
    [InlineData("mail me at dev@example.com", "mail me at dev@example.com")]
    [InlineData("see other/repo#12", "see other/repo#\u200B12")]
    [InlineData("see #12", "see #12")]
    public void Sanitize_MentionsAndCrossReferences_AreBroken(string body, string expected)
    {
        Assert.Equal(expected, CommentSanitizer.Sanitize(body, Repo));
    }

    [Fact]
    public void Sanitize_MentionInCode_IsLeftAlone()
    {
        const string body = "Use `@Html.Raw` here:\n```cshtml\n@Html.Raw(x)\n```";

        Assert.Equal(body, CommentSanitizer.Sanitize(body, Repo));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("<!-- reviewbot:fingerprint=abc -->", "&lt;!-- reviewbot:fingerprint=abc --&gt;")]
    [InlineData("if a < b && c > d", "if a &lt; b && c &gt; d")]
    [InlineData("> quoted line", "> quoted line")]
    [InlineData("> > nested", "> > nested")]
    public void Sanitize_Html_IsEscapedOutsideCode(string body, string expected)
    {
        Assert.Equal(expected, CommentSanitizer.Sanitize(body, Repo));
    }

    [Fact]
    public void Sanitize_HiddenMarkerInsideCode_IsNeutralised()
    {
        var result = CommentSanitizer.Sanitize("```html\n<!-- reviewbot:fingerprint=abc -->\n<b>x</b>\n```", Repo);

        Assert.DoesNotContain("<!--", result, StringComparison.Ordinal);
        Assert.Contains("<b>x</b>", result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[docs](https://github.com/octo/shop/blob/main/README.md)", "[docs](https://github.com/octo/shop/blob/main/README.md)")]
    [InlineData("https://github.com/octo/shop/pull/7", "https://github.com/octo/shop/pull/7")]
    [InlineData("[win a prize](https://evil.example/x)", "win a prize (`https://evil.example/x`)")]
    [InlineData("go to https://evil.example/login now", "go to `https://evil.example/login` now")]
    [InlineData("[x](https://github.com/octo/shopping)", "x (`https://github.com/octo/shopping`)")]
    [InlineData("[x](https://github.com.evil.example/octo/shop)", "x (`https://github.com.evil.example/octo/shop`)")]
    [InlineData("[x](http://github.com/octo/shop)", "x (`http://github.com/octo/shop`)")]
    [InlineData("![tracker](https://github.com/octo/shop/raw/main/pixel.png)", "tracker (`https://github.com/octo/shop/raw/main/pixel.png`)")]
    [InlineData("visit www.evil.example today", "visit `www.evil.example` today")]
    public void Sanitize_Links_OnlyIntoTheRepository(string body, string expected)
    {
        Assert.Equal(expected, CommentSanitizer.Sanitize(body, Repo));
    }

    [Fact]
    public void Sanitize_NoRepository_NoLinkSurvives()
    {
        Assert.Equal("`https://github.com/octo/shop`", CommentSanitizer.Sanitize("https://github.com/octo/shop"));
    }

    [Fact]
    public void Sanitize_Secrets_AreRedacted()
    {
        var token = FakeSecrets.GitHubToken(50);

        var result = CommentSanitizer.Sanitize($"The key is {token}.\n```suggestion\nvar t = \"{token}\";\n```", Repo);

        Assert.DoesNotContain(token, result, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-token]", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_UnclosedFence_IsClosed()
    {
        var result = CommentSanitizer.Sanitize("Fix:\n````suggestion\nreturn x;", Repo);

        Assert.EndsWith("return x;\n````", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_TooLong_IsCutAtALineWithFenceClosedAndNote()
    {
        var body = "Start\n```\n" + string.Concat(Enumerable.Repeat("line of code\n", 10_000));

        var result = CommentSanitizer.Sanitize(body, Repo, maxLength: 5000);

        Assert.True(result.Length <= 5000, $"length {result.Length}");
        Assert.EndsWith("*(comment truncated)*", result, StringComparison.Ordinal);
        Assert.Contains("line of code\n```\n", result, StringComparison.Ordinal);
        Assert.True(CommentSanitizer.DefaultMaxLength < CommentSanitizer.GitHubMaxBodyLength);
    }

    [Fact]
    public void Sanitize_ControlAndBidiCharacters_AreRemoved()
    {
        Assert.Equal("ab\ncd", CommentSanitizer.Sanitize("a\u202Eb\r\nc\u0000d", Repo));
    }

    [Fact]
    public void Sanitize_RandomText_NeverThrowsAndNeverLeaksMarkersOrMentions()
    {
        var random = new Random(3);
        string[] pieces = ["@user", "<!--", "-->", "<", ">", "`", "```", "~~~", "\n", "[a](https://x.example)", "https://github.com/octo/shop", "text", " ", "#1", "o/r#2", "![i](u)", "\r"];
        for (var i = 0; i < 2000; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var result = CommentSanitizer.Sanitize(body, Repo);
            Assert.DoesNotContain("<!--", result, StringComparison.Ordinal);
            if (!body.Contains('`', StringComparison.Ordinal) && !body.Contains("~~~", StringComparison.Ordinal))
            {
                // Without code there is nowhere a mention, a tag or a foreign link may survive.
                Assert.DoesNotContain(" @user", " " + result, StringComparison.Ordinal);
                Assert.DoesNotContain("<", result, StringComparison.Ordinal);
                Assert.DoesNotContain("](https://x.example)", result, StringComparison.Ordinal);
            }
        }
    }
}
