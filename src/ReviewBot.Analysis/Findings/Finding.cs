using ReviewBot.Analysis.Changes;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// A finding on the head (or base) text of a changed file, before it becomes a <see cref="Highlight"/>: lines are
/// indices into <see cref="ChangedFile.Head"/> (0-based), not yet diff line numbers.
/// </summary>
internal sealed record Finding
{
    public required ChangedFile File { get; init; }

    /// <summary>First head text line (0-based).</summary>
    public required int FirstLine { get; init; }

    /// <summary>Last head text line (0-based, inclusive).</summary>
    public required int LastLine { get; init; }

    public required string RuleId { get; init; }

    public required FindingKind Kind { get; init; }

    public required double Confidence { get; init; }

    public required string Comment { get; init; }

    /// <summary>Replacement for lines <see cref="FirstLine"/>..<see cref="LastLine"/>, when the fix is mechanical.</summary>
    public string? Suggestion { get; init; }

    /// <summary>True for a finding on the base version of the file (lines index <see cref="ChangedFile.Base"/>).</summary>
    public bool AtBase { get; init; }

    /// <summary>Identifies the finding independently of where its lines moved: rule and whitespace-insensitive text.</summary>
    public BaselineKey Key => new(RuleId, (AtBase ? File.Base! : File.Head).NormalizedText(FirstLine, LastLine));
}

/// <summary>A finding's identity across base and head: same rule on the same (normalized) code.</summary>
internal readonly record struct BaselineKey(string RuleId, string Text);
