using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Simulators.OpenAi;

/// <summary>
/// A stand-in model that needs no weights: it reads the numbered change in ReviewBot's prompt and quotes an added
/// line it has not quoted yet (choice i takes the i-th such line), in ReviewBot's critique format, so a review can
/// be tried end to end without a real model.
/// </summary>
public static partial class DeterministicCritic
{
    public const string NoFurtherIssues = "NO FURTHER ISSUES";

    public static FakeOpenAiReply Answer(FakeOpenAiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var added = AddedLines(request.Prompt);
        var quoted = QuotedLines(request.Prompt);
        var fresh = added.Where(l => !quoted.Contains((l.Path, l.Line))).ToList();
        var texts = new List<string>();
        for (var i = 0; i < Math.Max(1, request.N); i++)
        {
            if (fresh.Count == 0)
            {
                texts.Add(request.IsChat || added.Count == 0 ? NoFurtherIssues : Highlight(added[0], request.IsChat));
                continue;
            }

            texts.Add(Highlight(fresh[i % fresh.Count], request.IsChat));
        }

        return new FakeOpenAiReply { Texts = texts };
    }

    private static string Highlight((string Path, int Line, string Text) line, bool chat)
    {
        var location = string.Create(CultureInfo.InvariantCulture, $"{line.Path}:{line.Line}");
        var body = $" {location}\n{line.Text}\n```\n[maintainability] This added line deserves a second look (deterministic simulator).\n";

        // A completions prompt already ends with the opening backticks; a chat answer writes its own.
        return chat ? "```" + body : body;
    }

    private static List<(string Path, int Line, string Text)> AddedLines(string prompt)
    {
        var lines = new List<(string, int, string)>();
        string? path = null;
        foreach (var line in prompt.Split('\n'))
        {
            var file = FileHeader().Match(line);
            if (file.Success)
            {
                path = file.Groups["path"].Value;
                continue;
            }

            var added = AddedLine().Match(line);
            if (path is not null && added.Success && added.Groups["text"].Value.Any(char.IsLetter))
            {
                lines.Add((path, int.Parse(added.Groups["line"].Value, CultureInfo.InvariantCulture), added.Groups["text"].Value));
            }
        }

        return lines;
    }

    private static HashSet<(string, int)> QuotedLines(string prompt) =>
        [.. QuoteHeader().Matches(prompt).Select(static m => (m.Groups["path"].Value, int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^=== file \d+: (?<path>.+) \(.*\)$")]
    private static partial Regex FileHeader();

    [GeneratedRegex(@"^\s*(?<line>\d+) \+ (?<text>.*)$")]
    private static partial Regex AddedLine();

    [GeneratedRegex(@"```[A-Za-z0-9#+-]* ?(?<path>[^\s:`]+):(?<line>\d+)")]
    private static partial Regex QuoteHeader();
}
