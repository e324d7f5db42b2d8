using System.Collections.Immutable;

namespace ReviewBot.Core.Critiques;

/// <summary>
/// A critique of a change: an ordered list of highlights. Zero highlights is a legitimate answer
/// ("nothing worth saying").
/// </summary>
public sealed record Critique
{
    public static Critique Empty { get; } = new() { Highlights = [] };

    public required ImmutableArray<Highlight> Highlights { get; init; }

    /// <summary>A closing paragraph without a highlight, when a model wrote one (kept for provenance only).</summary>
    public string? Closing { get; init; }

    public int Count => Highlights.Length;

    public Critique Append(Highlight highlight) => new() { Highlights = Highlights.Add(highlight) };

    /// <summary>True when the critique already holds a highlight with the same key.</summary>
    public bool Contains(Highlight highlight)
    {
        foreach (var existing in Highlights)
        {
            if (existing.Key == highlight.Key)
            {
                return true;
            }
        }

        return false;
    }
}
