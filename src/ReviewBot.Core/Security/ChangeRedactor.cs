using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Security;

/// <summary>
/// Masks secrets in everything a critic may show a model: every hunk's lines, the pull request's title and body.
/// Redaction keeps line breaks, so the redacted diff has the same files, hunks and line numbers as the original and
/// highlights placed on it are placed on the original too.
/// </summary>
public static class ChangeRedactor
{
    public static (ChangeContext Context, int Redacted) Redact(ChangeContext context, IEnumerable<string?>? knownSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var known = knownSecrets?.ToArray() ?? [];
        var redacted = 0;
        var files = new List<DiffFile>(context.Diff.Files.Count);
        foreach (var file in context.Diff.Files)
        {
            var hunks = new List<DiffHunk>(file.Hunks.Count);
            foreach (var hunk in file.Hunks)
            {
                var (lines, count) = RedactLines(hunk.Lines, known);
                redacted += count;
                hunks.Add(count == 0 ? hunk : hunk with { Lines = lines });
            }

            files.Add(file with { Hunks = hunks });
        }

        var pullRequest = context.PullRequest;
        if (pullRequest is not null)
        {
            var title = SecretRedactor.Redact(pullRequest.Title, known);
            var body = SecretRedactor.Redact(pullRequest.Body, known);
            redacted += title.Total + body.Total;
            pullRequest = pullRequest with { Title = title.Text, Body = pullRequest.Body is null ? null : body.Text };
        }

        return (context with { Diff = context.Diff with { Files = files }, PullRequest = pullRequest }, redacted);
    }

    private static (IReadOnlyList<DiffLine> Lines, int Count) RedactLines(IReadOnlyList<DiffLine> lines, string?[] known)
    {
        // The hunk is redacted as one text so multi-line secrets (PEM blocks) are seen whole.
        var joined = SecretRedactor.Redact(string.Join('\n', lines.Select(static l => l.Text)), known);
        if (!joined.Found)
        {
            return (lines, 0);
        }

        var texts = joined.Text.Split('\n');
        if (texts.Length == lines.Count)
        {
            return ([.. lines.Select((l, i) => l with { Text = texts[i] })], joined.Total);
        }

        // Cannot happen (replacements keep line breaks), but never give up masking: fall back to line by line.
        var count = 0;
        var result = new List<DiffLine>(lines.Count);
        foreach (var line in lines)
        {
            var one = SecretRedactor.Redact(line.Text, known);
            count += one.Total;
            result.Add(line with { Text = one.Text });
        }

        return (result, count);
    }
}
