using System.Text.RegularExpressions;

namespace ReviewBot.Core.Critiques.Text;

/// <summary>
/// Reads a critique a model wrote, tolerating what real models do: <c>~~~</c> fences, a missing closing fence at
/// the end, indented or list-item fences, CRLF, language tags, <c>&gt;</c> blockquotes (as quotes or around the
/// whole answer), prose before the first quote, numbered lists and bold or heading titles before a quote, and a
/// closing summary without a quote. It never throws; what it cannot use it counts.
/// </summary>
public static partial class CritiqueTextParser
{
    private const int MaxLines = 20000;

    public static ParsedCritiqueText Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParsedCritiqueText.Empty;
        }

        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (lines.Length > MaxLines)
        {
            lines = lines[..MaxLines];
        }

        return Assemble(Tokenize(UnwrapQuotedAnswer(lines)));
    }

    /// <summary>A whole answer written inside a blockquote is unwrapped one level.</summary>
    private static List<string> UnwrapQuotedAnswer(string[] lines)
    {
        var nonBlank = lines.Where(static l => l.Trim().Length > 0).ToList();
        if (nonBlank.Count > 0 && nonBlank.TrueForAll(static l => BlockquoteLine().IsMatch(l)) && nonBlank.Exists(static l => FenceOpen().IsMatch(StripBlockquote(l))))
        {
            return [.. lines.Select(StripBlockquote)];
        }

        return [.. lines];
    }

    private static List<Token> Tokenize(List<string> lines)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var open = FenceOpen().Match(line);
            if (open.Success)
            {
                var fence = open.Groups["fence"].Value;
                var indent = open.Groups["indent"].Length + (open.Groups["list"].Success ? open.Groups["list"].Length + 1 : 0);
                var content = new List<string>();
                var closed = false;
                for (i++; i < lines.Count; i++)
                {
                    if (IsClosingFence(lines[i], fence))
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    content.Add(Dedent(lines[i], indent));
                }

                tokens.Add(new Token(TokenKind.Fence, line, open.Groups["info"].Value.Trim(), string.Join('\n', content), closed));
                continue;
            }

            if (BlockquoteLine().IsMatch(line))
            {
                var run = new List<string>();
                while (i < lines.Count && BlockquoteLine().IsMatch(lines[i]))
                {
                    run.Add(StripBlockquote(lines[i]));
                    i++;
                }

                if (run.Exists(static l => FenceOpen().IsMatch(l)))
                {
                    // Fences inside a blockquote: read them as if the quote markers were not there.
                    tokens.AddRange(Tokenize(run));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Blockquote, "", "", string.Join('\n', run), Closed: true));
                }

                continue;
            }

            tokens.Add(new Token(TokenKind.Prose, line, "", "", Closed: true));
            i++;
        }

        return tokens;
    }

    private static ParsedCritiqueText Assemble(List<Token> tokens)
    {
        var drafts = new List<Draft>();
        var leading = new List<string>();
        Draft? current = null;
        foreach (var token in tokens)
        {
            var isQuote = token.Kind == TokenKind.Blockquote || (token.Kind == TokenKind.Fence && !IsSuggestionInfo(token.Info));
            if (isQuote)
            {
                var before = current?.After ?? leading;
                var header = TakeHeader(before, current is not null && current.Suggestion is null);
                current = new Draft(token, header);
                drafts.Add(current);
            }
            else if (current is null)
            {
                leading.Add(token.Kind == TokenKind.Prose ? token.Line : token.Line + "\n" + token.Content);
            }
            else if (token.Kind == TokenKind.Fence)
            {
                if (current.Suggestion is null && current.AfterSuggestion.Count == 0)
                {
                    current.Suggestion = token.Content;
                    current.SuggestionClosed = token.Closed;
                }
                else
                {
                    current.After.Add(token.Line + "\n" + token.Content);
                }
            }
            else
            {
                current.After.Add(token.Line);
            }
        }

        var highlights = new List<ParsedHighlight>();
        var incomplete = 0;
        string? closing = null;
        var endsIncomplete = false;
        for (var d = 0; d < drafts.Count; d++)
        {
            var isLast = d == drafts.Count - 1;
            var (highlight, tail) = Finish(drafts[d], isLast);
            if (highlight is null)
            {
                incomplete++;
                endsIncomplete = isLast;
            }
            else
            {
                highlights.Add(highlight);
            }

            if (isLast)
            {
                closing = tail;
            }
        }

        var preamble = Paragraphs(leading);
        if (drafts.Count == 0)
        {
            closing = preamble;
        }

        return new ParsedCritiqueText
        {
            Highlights = highlights,
            Preamble = preamble,
            Closing = closing,
            Incomplete = incomplete,
            EndsIncomplete = endsIncomplete,
        };
    }

    private static (ParsedHighlight? Highlight, string? Closing) Finish(Draft draft, bool isLast)
    {
        var commentLines = new List<string>(draft.Comment);
        string? closing = null;
        if (isLast)
        {
            if (draft.AfterSuggestion.Count > 0)
            {
                closing = Paragraphs(draft.AfterSuggestion);
            }
            else
            {
                closing = SplitClosing(commentLines);
            }
        }
        else
        {
            commentLines.AddRange(draft.AfterSuggestion);
        }

        var quote = draft.Quote.Content;
        var comment = Paragraphs(commentLines) ?? "";
        var (kind, body) = CritiqueTextHints.TakeKind(comment);
        var (headerKind, title) = CritiqueTextHints.ReadHeader(draft.Header);
        kind ??= headerKind;
        if (title is not null && !body.StartsWith(title, StringComparison.OrdinalIgnoreCase))
        {
            body = body.Length == 0 ? "" : $"{title.TrimEnd('.', ':', ' ')}. {body}";
        }

        var suggestion = draft.Suggestion is null || !draft.SuggestionClosed && !isLast ? null : draft.Suggestion.TrimEnd('\n', ' ');
        if (!draft.Quote.Closed || body.Trim().Length == 0 || !quote.Any(char.IsLetterOrDigit))
        {
            return (null, closing);
        }

        var location = CritiqueTextHints.ReadLocation(draft.Quote.Info) ?? CritiqueTextHints.ReadLocation(draft.Header ?? "");
        return (new ParsedHighlight
        {
            Quote = quote,
            Comment = body.Trim(),
            Suggestion = string.IsNullOrWhiteSpace(suggestion) ? null : suggestion,
            Kind = kind ?? FindingKind.Bug,
            Path = location?.Path,
            StartLine = location?.Start,
            EndLine = location?.End ?? location?.Start,
            Language = CritiqueTextHints.ReadLanguage(draft.Quote.Info),
        }, closing);
    }

    /// <summary>
    /// After the last highlight, a second paragraph is a closing remark, not more comment: the format asks for one
    /// paragraph per comment, and a summary ("Overall, …") posted inside an inline comment would be worse than a
    /// comment cut to its first paragraph.
    /// </summary>
    private static string? SplitClosing(List<string> commentLines)
    {
        var paragraphs = SplitParagraphs(commentLines);
        if (paragraphs.Count < 2)
        {
            return null;
        }

        commentLines.Clear();
        commentLines.AddRange(paragraphs[0].Split('\n'));
        return string.Join("\n\n", paragraphs.Skip(1));
    }

    /// <summary>A single header-like line directly above a quote belongs to that quote (title, kind, location).</summary>
    private static string? TakeHeader(List<string> before, bool isPreviousComment)
    {
        var last = before.FindLastIndex(static l => l.Trim().Length > 0);
        if (last < 0 || (last > 0 && before[last - 1].Trim().Length > 0))
        {
            return null;
        }

        // The previous highlight's only line is its comment, however header-like it looks.
        if (isPreviousComment && !before.Take(last).Any(static l => l.Trim().Length > 0))
        {
            return null;
        }

        var line = before[last].Trim();
        if (!HeaderLike().IsMatch(line) && CritiqueTextHints.ReadLocation(line) is null)
        {
            return null;
        }

        before.RemoveRange(last, before.Count - last);
        return line;
    }

    private static bool IsSuggestionInfo(string info) =>
        info.StartsWith("suggestion", StringComparison.OrdinalIgnoreCase);

    private static bool IsClosingFence(string line, string fence)
    {
        var match = FenceClose().Match(StripListIndent(line));
        return match.Success && match.Groups["fence"].Value[0] == fence[0] && match.Groups["fence"].Length >= fence.Length;
    }

    private static string StripListIndent(string line) => line.TrimStart(' ', '\t');

    private static string Dedent(string line, int indent)
    {
        var remove = 0;
        while (remove < indent && remove < line.Length && line[remove] is ' ' or '\t')
        {
            remove++;
        }

        return line[remove..];
    }

    private static string StripBlockquote(string line)
    {
        var match = BlockquoteLine().Match(line);
        return match.Success ? line[match.Length..] : line;
    }

    private static List<string> SplitParagraphs(List<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(string.Join('\n', current));
                    current.Clear();
                }
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        if (current.Count > 0)
        {
            paragraphs.Add(string.Join('\n', current));
        }

        return paragraphs;
    }

    private static string? Paragraphs(List<string> lines)
    {
        var paragraphs = SplitParagraphs(lines);
        return paragraphs.Count == 0 ? null : string.Join("\n\n", paragraphs);
    }

    private enum TokenKind
    {
        Prose,
        Fence,
        Blockquote,
    }

    private sealed record Token(TokenKind Kind, string Line, string Info, string Content, bool Closed);

    private sealed class Draft(Token quote, string? header)
    {
        public Token Quote { get; } = quote;

        public string? Header { get; } = header;

        public List<string> Comment { get; } = [];

        public List<string> AfterSuggestion { get; } = [];

        public string? Suggestion { get; set; }

        public bool SuggestionClosed { get; set; }

        /// <summary>Lines after the quote: the comment until a suggestion block, then whatever follows it.</summary>
        public List<string> After => Suggestion is null ? Comment : AfterSuggestion;
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)(?:(?<list>\d{1,3}[.)]|[-*+])[ \t]+)?(?<fence>`{3,}(?=[^`]*$)|~{3,})(?<info>.*)$")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^(?<fence>`{3,}|~{3,})\s*$")]
    private static partial Regex FenceClose();

    [GeneratedRegex(@"^ {0,3}> ?")]
    private static partial Regex BlockquoteLine();

    [GeneratedRegex(@"^(?:#{1,6}\s|\*\*|__|\d{1,3}[.)]\s|[-*+]\s|.{1,200}:$)")]
    private static partial Regex HeaderLike();
}
