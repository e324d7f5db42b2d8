using System.Text;
using System.Text.RegularExpressions;
using ReviewBot.Core.Security;

namespace ReviewBot.Core.Publishing;

/// <summary>
/// Makes a comment body safe to post, whatever a model (or a prompt injection) put in it: no @mentions or
/// cross-repository references (nobody gets pinged), no raw HTML (so nobody can fake ReviewBot's hidden
/// <c>&lt;!-- … --&gt;</c> markers), links only into the repository under review, no secrets, no unclosed code
/// fence that would swallow what follows, and a length that leaves room under GitHub's limit for the markers.
/// Code blocks and inline code keep their text (GitHub neither mentions nor renders HTML there).
/// </summary>
public static partial class CommentSanitizer
{
    /// <summary>GitHub's limit on a comment body, in characters.</summary>
    public const int GitHubMaxBodyLength = 65536;

    /// <summary>Default cap: GitHub's limit minus room for the markers and footers the publisher appends.</summary>
    public const int DefaultMaxLength = 60000;

    private const string ZeroWidthSpace = "\u200B";
    private const string TruncatedNote = "\n\n*(comment truncated)*";

    /// <summary>Sanitizes <paramref name="body"/>; links are kept only when they point into <paramref name="repository"/> (<c>owner/name</c>).</summary>
    public static string Sanitize(string? body, string? repository = null, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 64);
        var text = StripControlCharacters((body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        text = SecretRedactor.Redact(text).Text;

        var output = new StringBuilder(text.Length + 16);
        var prose = new StringBuilder();
        string? openFence = null;
        foreach (var line in text.Split('\n'))
        {
            if (openFence is null)
            {
                var open = FenceOpen().Match(line);
                if (open.Success)
                {
                    FlushProse(prose, output, repository);
                    openFence = open.Groups["fence"].Value;
                    output.Append(NeutraliseMarkers(line)).Append('\n');
                }
                else
                {
                    prose.Append(line).Append('\n');
                }
            }
            else
            {
                output.Append(NeutraliseMarkers(line)).Append('\n');
                if (IsClosingFence(line, openFence))
                {
                    openFence = null;
                }
            }
        }

        FlushProse(prose, output, repository);
        var result = output.ToString().TrimEnd('\n');
        if (openFence is not null)
        {
            result += "\n" + openFence;
        }

        return result.Length <= maxLength ? result : Truncate(result, maxLength);
    }

    /// <summary>True when <paramref name="url"/> points into <paramref name="repository"/> on github.com.</summary>
    public static bool IsRepositoryLink(string url, string? repository)
    {
        if (string.IsNullOrEmpty(repository) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0 || !uri.IsDefaultPort
            || !(uri.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase) || uri.Host.Equals("www.github.com", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var prefix = "/" + repository.Trim('/');
        var path = uri.AbsolutePath;
        return path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static void FlushProse(StringBuilder prose, StringBuilder output, string? repository)
    {
        if (prose.Length == 0)
        {
            return;
        }

        var text = prose.ToString();
        prose.Clear();
        var position = 0;
        foreach (Match span in InlineCode().Matches(text))
        {
            output.Append(SanitizeProse(text[position..span.Index], repository));
            output.Append(NeutraliseMarkers(span.Value));
            position = span.Index + span.Length;
        }

        output.Append(SanitizeProse(text[position..], repository));
    }

    private static string SanitizeProse(string text, string? repository)
    {
        var output = new StringBuilder(text.Length + 16);
        var position = 0;
        foreach (Match link in LinkOrUrl().Matches(text))
        {
            output.Append(EscapeText(text[position..link.Index]));
            output.Append(RewriteLink(link, repository));
            position = link.Index + link.Length;
        }

        output.Append(EscapeText(text[position..]));
        return output.ToString();
    }

    private static string RewriteLink(Match link, string? repository)
    {
        if (link.Groups["url"].Success)
        {
            var url = link.Groups["url"].Value;
            var label = EscapeText(link.Groups["label"].Value);
            var image = link.Groups["image"].Value.Length > 0;
            if (!image && IsRepositoryLink(url, repository))
            {
                return $"[{label}]({url})";
            }

            // Images are never embedded (they would load from anywhere); other links become plain text.
            return label.Length > 0 ? $"{label} (`{url}`)" : $"`{url}`";
        }

        var bare = link.Groups["bare"].Value;
        return IsRepositoryLink(bare, repository) ? bare : $"`{bare}`";
    }

    /// <summary>Prose outside code: break mentions and cross-repository references, escape HTML.</summary>
    private static string EscapeText(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        text = Mention().Replace(text, "@" + ZeroWidthSpace);
        text = CrossReference().Replace(text, "${repo}#" + ZeroWidthSpace);
        var output = new StringBuilder(text.Length + 8);
        var atLineStart = true;
        foreach (var c in text)
        {
            switch (c)
            {
                case '<':
                    output.Append("&lt;");
                    atLineStart = false;
                    break;
                case '>' when !atLineStart:
                    output.Append("&gt;");
                    break;
                case '\n':
                    output.Append(c);
                    atLineStart = true;
                    break;
                default:
                    output.Append(c);
                    // A blockquote marker may follow indentation or another marker.
                    atLineStart = atLineStart && c is ' ' or '>';
                    break;
            }
        }

        return output.ToString();
    }

    /// <summary>Inside code GitHub renders text as is, but a hidden-marker look-alike must still not appear.</summary>
    private static string NeutraliseMarkers(string text) =>
        text.Contains("<!--", StringComparison.Ordinal) ? text.Replace("<!--", "<!-" + ZeroWidthSpace + "-", StringComparison.Ordinal) : text;

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3 || trimmed.Length < fence.Length)
        {
            return false;
        }

        var run = 0;
        while (run < trimmed.Length && trimmed[run] == fence[0])
        {
            run++;
        }

        return run >= fence.Length && trimmed[run..].Trim().Length == 0;
    }

    private static string StripControlCharacters(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // Bidirectional overrides can make code read differently from what it is ("Trojan Source").
            var bidi = c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
            if ((!char.IsControl(c) || c is '\n' or '\t') && !bidi)
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private static string Truncate(string text, int maxLength)
    {
        var cut = text.LastIndexOf('\n', maxLength - TruncatedNote.Length - 8);
        if (cut <= 0)
        {
            cut = maxLength - TruncatedNote.Length - 8;
        }

        var head = text[..cut];
        string? openFence = null;
        foreach (var line in head.Split('\n'))
        {
            if (openFence is null)
            {
                var open = FenceOpen().Match(line);
                openFence = open.Success ? open.Groups["fence"].Value : null;
            }
            else if (IsClosingFence(line, openFence))
            {
                openFence = null;
            }
        }

        return head + (openFence is null ? "" : "\n" + openFence) + TruncatedNote;
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}(?=[^`]*$)|~{3,})")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"(?<ticks>`+)(?!`)[\s\S]*?(?<!`)\k<ticks>(?!`)")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<image>!?)\[(?<label>[^\]\n]{0,500})\]\(\s*<?(?<url>[^\s()<>`]+)>?(?:\s+""[^""\n]*"")?\s*\)|(?<bare>(?i:https?|ftp)://[^\s<>()\[\]`""']+|(?i:www)\.[A-Za-z0-9-]+\.[^\s<>()\[\]`""']+)")]
    private static partial Regex LinkOrUrl();

    [GeneratedRegex(@"(?<![A-Za-z0-9_`/.@-])@(?=[A-Za-z0-9])")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<repo>(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(?=\d)")]
    private static partial Regex CrossReference();
}
