using System.Globalization;
using System.Text;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Critiques.Prompts;

/// <summary>
/// Lays out a (redacted) change as prompt sections within a character budget: title, description, the numbered
/// new-side hunks of each file, then enclosing code from an <see cref="ICodeContextProvider"/>. The diff comes
/// first; whatever does not fit is named in a note rather than cut mid-line.
/// </summary>
public static class CriticPromptBuilder
{
    /// <summary>Most characters of a pull request title kept.</summary>
    public const int MaxTitleCharacters = 300;

    /// <summary>Most characters of a pull request description kept.</summary>
    public const int MaxBodyCharacters = 4000;

    /// <summary>Most characters of maintainers' guidance kept.</summary>
    public const int MaxGuidanceCharacters = 4000;

    /// <summary>Share of the budget code context may take after the diff.</summary>
    public const double ContextShare = 0.3;

    public static CriticPrompt Build(ChangeContext change, IReadOnlyList<CodeContextSnippet> snippets, string? version, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(snippets);
        var template = CriticPromptTemplates.Get(version);
        var sections = new List<PromptSection>();
        var notes = new List<string>();
        var budget = maxCharacters;
        var guidance = RenderGuidance(change.Guidance, Math.Min(MaxGuidanceCharacters, maxCharacters / 6));
        if (guidance.Length > 0)
        {
            sections.Add(new PromptSection("repository-config", template.GuidanceLabel, guidance));
            budget -= guidance.Length;
        }

        if (change.PullRequest is { } pr)
        {
            var title = Clip(OneLine(pr.Title), MaxTitleCharacters);
            sections.Add(new PromptSection("title", template.TitleLabel, title));
            budget -= title.Length;
            if (!string.IsNullOrWhiteSpace(pr.Body))
            {
                var body = Clip(pr.Body.Replace("\r\n", "\n", StringComparison.Ordinal), Math.Min(MaxBodyCharacters, maxCharacters / 6));
                sections.Add(new PromptSection("description", template.BodyLabel, body));
                budget -= body.Length;
            }
        }

        var diff = RenderDiff(change.Diff, Math.Max(0, budget), notes);
        sections.Add(new PromptSection("diff", template.DiffLabel, diff));
        budget -= diff.Length;

        var contextBudget = Math.Min(budget, (int)(maxCharacters * ContextShare));
        if (snippets.Count > 0 && contextBudget > 200)
        {
            var context = RenderContext(snippets, contextBudget);
            if (context.Length > 0)
            {
                sections.Add(new PromptSection("context", template.ContextLabel, context));
            }
        }

        return new CriticPrompt(template, sections, notes.Count == 0 ? null : string.Join(' ', notes));
    }

    /// <summary>
    /// Each file as <c>=== file N: path (change)</c>, each hunk as <c>@@ new lines a-b @@</c>, each line as its
    /// new-side number (right-aligned), a marker and the text.
    /// </summary>
    public static string RenderDiff(UnifiedDiff diff, int maxCharacters, List<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        var omittedFiles = 0;
        var omittedHunks = 0;
        for (var f = 0; f < diff.Files.Count; f++)
        {
            var file = diff.Files[f];
            var header = FileHeader(file, f + 1);
            if (text.Length + header.Length > maxCharacters)
            {
                omittedFiles = diff.Files.Count - f;
                break;
            }

            text.Append(header);
            if (file.IsBinary || file.Change == FileChangeKind.Deleted)
            {
                continue;
            }

            for (var h = 0; h < file.Hunks.Count; h++)
            {
                var hunk = RenderHunk(file.Hunks[h]);
                if (text.Length + hunk.Length > maxCharacters)
                {
                    omittedHunks += file.Hunks.Count - h;
                    break;
                }

                text.Append(hunk);
            }
        }

        if (omittedFiles > 0 || omittedHunks > 0)
        {
            notes?.Add(string.Create(CultureInfo.InvariantCulture, $"For length, {omittedFiles} more file(s) and {omittedHunks} more hunk(s) of the change are not shown."));
        }

        return text.ToString();
    }

    private static string FileHeader(DiffFile file, int number)
    {
        var change = file.Change switch
        {
            FileChangeKind.Added => "added",
            FileChangeKind.Deleted => "deleted, nothing to quote",
            FileChangeKind.Renamed => $"renamed from {OneLine(file.OldPath ?? "")}",
            FileChangeKind.Copied => $"copied from {OneLine(file.OldPath ?? "")}",
            _ => "modified",
        };
        var binary = file.IsBinary ? ", binary, not shown" : "";
        return string.Create(CultureInfo.InvariantCulture, $"=== file {number}: {OneLine(file.Path)} ({change}{binary})\n");
    }

    private static string RenderHunk(DiffHunk hunk)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"@@ new lines {hunk.NewStart}-{Math.Max(hunk.NewStart, hunk.NewEnd)} @@");
        if (hunk.Section.Length > 0)
        {
            text.Append(' ').Append(OneLine(hunk.Section));
        }

        text.Append('\n');
        foreach (var line in hunk.Lines)
        {
            var content = StripLineBreaks(line.Text);
            _ = line.Kind switch
            {
                DiffLineKind.Added => text.Append(CultureInfo.InvariantCulture, $"{line.NewLine,6} + {content}\n"),
                DiffLineKind.Context => text.Append(CultureInfo.InvariantCulture, $"{line.NewLine,6}   {content}\n"),
                _ => text.Append(CultureInfo.InvariantCulture, $"{"",6} - {content}\n"),
            };
        }

        return text.ToString();
    }

    private static string RenderContext(IReadOnlyList<CodeContextSnippet> snippets, int maxCharacters)
    {
        var text = new StringBuilder();
        foreach (var snippet in snippets)
        {
            var block = string.Create(CultureInfo.InvariantCulture, $"--- {OneLine(snippet.Path)}:{snippet.StartLine}-{snippet.EndLine} {OneLine(snippet.Label)}\n{snippet.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')}\n");
            if (text.Length + block.Length > maxCharacters)
            {
                break;
            }

            text.Append(block);
        }

        return text.ToString();
    }

    /// <summary>Each piece of guidance under the files it is for, as far as the budget goes.</summary>
    private static string RenderGuidance(IReadOnlyList<MaintainerGuidance> guidance, int maxCharacters)
    {
        var text = new StringBuilder();
        foreach (var item in guidance)
        {
            var files = string.Join(", ", item.Paths.Take(10).Select(OneLine)) + (item.Paths.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {item.Paths.Count - 10} more") : "");
            var block = $"For {files}:\n{item.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()}\n\n";
            if (text.Length + block.Length > maxCharacters)
            {
                break;
            }

            text.Append(block);
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), " …");

    /// <summary>File names and section headers may hold line breaks (git quotes them); they must not start new lines here.</summary>
    private static string OneLine(string text) => StripLineBreaks(text).Replace('\t', ' ');

    private static string StripLineBreaks(string text)
    {
        if (!text.Any(static c => char.IsControl(c) && c != '\t'))
        {
            return text;
        }

        return new string([.. text.Select(static c => char.IsControl(c) && c != '\t' ? '\uFFFD' : c)]);
    }
}
