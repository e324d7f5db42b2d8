namespace ReviewBot.Commands;

/// <summary>The commands ReviewBot takes in pull request comments. None takes arguments.</summary>
public enum CommandKind
{
    /// <summary>Review the current head again, in full.</summary>
    Review,

    /// <summary>Stop reviewing new pushes of this pull request.</summary>
    Pause,

    /// <summary>Review new pushes again (and the current head, if it was not reviewed).</summary>
    Resume,
}

/// <summary>A mention of ReviewBot at the start of a line of a comment, as understood.</summary>
/// <param name="Word">The word after the mention, lower-cased (the command's name when <see cref="Kind"/> is set).</param>
/// <param name="Kind">The command, when <paramref name="Word"/> names one.</param>
/// <param name="HasArguments">Text followed the command on its line; commands take none, so it is refused.</param>
public sealed record ParsedCommand(string Word, CommandKind? Kind, bool HasArguments);

/// <summary>
/// Finds a command in a comment: a line that starts with <c>@mention</c> followed by one word. Lines in code blocks
/// and quoted lines (<c>&gt;</c>) are not commands (quoting someone's command must not repeat it). Only the first
/// such line counts.
/// </summary>
public static class CommandParser
{
    /// <summary>Longest comment looked at; GitHub allows 65,536 characters.</summary>
    public const int MaxCommentLength = 65_536;

    /// <summary>The name people mention: <c>GitHub:BotLogin</c> without its <c>[bot]</c> suffix, or <c>reviewbot</c>.</summary>
    public static string MentionName(string? botLogin)
    {
        var login = (botLogin ?? "").Trim();
        if (login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase))
        {
            login = login[..^"[bot]".Length];
        }

        return login.Length == 0 ? "reviewbot" : login;
    }

    public static ParsedCommand? Parse(string? body, string mentionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(mentionName);
        if (string.IsNullOrEmpty(body) || body.Length > MaxCommentLength)
        {
            return null;
        }

        var mention = "@" + mentionName;
        var inFence = false;
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !line.StartsWith(mention, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = line[mention.Length..];
            if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]))
            {
                // "@reviewbot-other" or "@reviewbots": someone else.
                continue;
            }

            var words = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0)
            {
                return null;
            }

            var word = words[0].TrimEnd('.', '!', ',').ToLowerInvariant();
            CommandKind? kind = word switch
            {
                "review" => CommandKind.Review,
                "pause" => CommandKind.Pause,
                "resume" => CommandKind.Resume,
                _ => null,
            };
            return new ParsedCommand(word.Length > 40 ? word[..40] : word, kind, words.Length > 1);
        }

        return null;
    }
}
