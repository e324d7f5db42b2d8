namespace ReviewBot.Core.Critiques.Text;

/// <summary>A highlight as a model wrote it, before its quote is checked against the change.</summary>
public sealed record ParsedHighlight
{
    /// <summary>The quoted lines, de-indented by the fence's own indentation.</summary>
    public required string Quote { get; init; }

    public required string Comment { get; init; }

    public string? Suggestion { get; init; }

    public FindingKind Kind { get; init; } = FindingKind.Bug;

    /// <summary>The file the model said it quoted, if it said so.</summary>
    public string? Path { get; init; }

    public int? StartLine { get; init; }

    public int? EndLine { get; init; }

    public string? Language { get; init; }
}

/// <summary>What <see cref="CritiqueTextParser"/> made of a model's text.</summary>
public sealed record ParsedCritiqueText
{
    public static ParsedCritiqueText Empty { get; } = new() { Highlights = [] };

    /// <summary>Complete highlights (closed quote, non-empty comment), in order.</summary>
    public required IReadOnlyList<ParsedHighlight> Highlights { get; init; }

    /// <summary>Prose before the first quote (discarded from critiques).</summary>
    public string? Preamble { get; init; }

    /// <summary>A closing paragraph after the last highlight that belongs to no highlight.</summary>
    public string? Closing { get; init; }

    /// <summary>Quote blocks that could not become highlights: unclosed, empty, or without a comment.</summary>
    public int Incomplete { get; init; }

    /// <summary>Whether the last quote block was cut off (no closing fence, or no comment after it).</summary>
    public bool EndsIncomplete { get; init; }
}
