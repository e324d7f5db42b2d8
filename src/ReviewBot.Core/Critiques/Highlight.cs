namespace ReviewBot.Core.Critiques;

/// <summary>What kind of problem a highlight points out.</summary>
public enum FindingKind
{
    Bug,
    Security,
    Performance,
    Maintainability,
    Style,
}

/// <summary>Which critic produced a highlight.</summary>
public enum HighlightSource
{
    /// <summary>The offline critic: compiler, analyzers and ReviewBot's own rules.</summary>
    Offline,

    /// <summary>A language model over an OpenAI-compatible endpoint.</summary>
    Llm,
}

/// <summary>
/// One highlight of a critique: a verbatim quote of new-side code (with its path and line range) and the comment on it.
/// One posted inline review comment is one highlight.
/// </summary>
public sealed record Highlight
{
    public required string Path { get; init; }

    /// <summary>First new-side line of the quote (1-based).</summary>
    public required int StartLine { get; init; }

    /// <summary>Last new-side line of the quote (inclusive).</summary>
    public required int EndLine { get; init; }

    /// <summary>The quoted code, exactly as it appears on the new side.</summary>
    public required string Quote { get; init; }

    public required string Comment { get; init; }

    /// <summary>Replacement code for the quoted lines, when the critic has one.</summary>
    public string? Suggestion { get; init; }

    public FindingKind Kind { get; init; } = FindingKind.Bug;

    public HighlightSource Source { get; init; } = HighlightSource.Offline;

    /// <summary>The rule or diagnostic id that produced it (offline), e.g. <c>RB0001</c> or <c>CS8602</c>.</summary>
    public string? RuleId { get; init; }

    /// <summary>The critic's own confidence in [0, 1].</summary>
    public double Confidence { get; init; } = 0.5;

    /// <summary>True when at least one quoted line was added by the change (not only context).</summary>
    public bool OnAddedLine { get; init; } = true;

    /// <summary>Identity for de-duplication inside one critique: same file, same lines, same rule.</summary>
    public string Key => $"{Path}:{StartLine}-{EndLine}:{RuleId ?? Kind.ToString()}";
}
