using System.Globalization;
using System.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Pipeline;

/// <summary>
/// What a critic saw for one review, secrets already masked: the diff (as unified diff text), the pull request's
/// title and body, the code context snippets, the increment and the prompt budget. Stored with the review, so the
/// exact prompt can be rebuilt later with the review's prompt version (for datasets and audits).
/// </summary>
public sealed record CriticInput
{
    /// <summary>The redacted diff, written by <see cref="UnifiedDiffWriter"/>; parses back to the diff the critic read.</summary>
    public required string Diff { get; init; }

    public PullRequestInfo? PullRequest { get; init; }

    public IReadOnlyList<CodeContextSnippet> Snippets { get; init; } = [];

    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    public CriticInputIncrement? Increment { get; init; }

    /// <summary>The prompt's character budget (<see cref="CriticOptions.MaxContextCharacters"/> at the time).</summary>
    public required int MaxCharacters { get; init; }

    /// <summary>A snapshot of <paramref name="redacted"/> (a context whose secrets were already masked).</summary>
    public static CriticInput Capture(ChangeContext redacted, IReadOnlyList<CodeContextSnippet> snippets, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(redacted);
        ArgumentNullException.ThrowIfNull(snippets);
        return new CriticInput
        {
            Diff = UnifiedDiffWriter.Write(redacted.Diff),
            PullRequest = redacted.PullRequest,
            Snippets = snippets,
            Skipped = redacted.Skipped,
            Increment = redacted.Increment is { } increment ? CriticInputIncrement.From(increment) : null,
            MaxCharacters = maxCharacters,
        };
    }

    /// <summary>The context again, as the critic had it (without whole files, which the prompt never shows).</summary>
    public ChangeContext ToChangeContext() => new()
    {
        Diff = UnifiedDiffParser.Parse(Diff).GetDiffOrThrow(),
        PullRequest = PullRequest,
        Skipped = Skipped,
        Increment = Increment?.ToIncrement(),
    };

    /// <summary>The critic's prompt for this input with template <paramref name="promptVersion"/> (null: the latest).</summary>
    public CriticPrompt BuildPrompt(string? promptVersion) => CriticPromptBuilder.Build(ToChangeContext(), Snippets, promptVersion, MaxCharacters);
}

/// <summary>A <see cref="ReviewIncrement"/> in a compact, serializable form: line numbers as ranges (<c>3-7,12</c>) per path.</summary>
public sealed record CriticInputIncrement
{
    public required string SinceSha { get; init; }

    public required IReadOnlyDictionary<string, string> Lines { get; init; }

    public IReadOnlyList<string> WholeFiles { get; init; } = [];

    public static CriticInputIncrement From(ReviewIncrement increment)
    {
        ArgumentNullException.ThrowIfNull(increment);
        return new CriticInputIncrement
        {
            SinceSha = increment.SinceSha,
            Lines = increment.Lines.OrderBy(static p => p.Key, StringComparer.Ordinal).ToDictionary(static p => p.Key, static p => Ranges(p.Value), StringComparer.Ordinal),
            WholeFiles = [.. increment.WholeFiles.Order(StringComparer.Ordinal)],
        };
    }

    public ReviewIncrement ToIncrement() => new()
    {
        SinceSha = SinceSha,
        Lines = Lines.ToDictionary(static p => p.Key, static p => (IReadOnlySet<int>)ParseRanges(p.Value), StringComparer.Ordinal),
        WholeFiles = new HashSet<string>(WholeFiles, StringComparer.Ordinal),
    };

    private static string Ranges(IReadOnlySet<int> lines)
    {
        var text = new StringBuilder();
        var sorted = lines.Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var start = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            text.Append(text.Length > 0 ? "," : "").Append(start.ToString(CultureInfo.InvariantCulture));
            if (sorted[i] != start)
            {
                text.Append('-').Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static HashSet<int> ParseRanges(string ranges)
    {
        var lines = new HashSet<int>();
        foreach (var part in ranges.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var start = int.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            var end = dash < 0 ? start : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (var line = start; line <= end; line++)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}

/// <summary>A sampler that built its prompt from a snapshot of the change reports it, stored with the review.</summary>
public interface ICriticInputSnapshot
{
    CriticInput? Input { get; }
}
