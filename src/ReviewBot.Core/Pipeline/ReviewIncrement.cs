namespace ReviewBot.Core.Pipeline;

/// <summary>
/// What changed since the last reviewed commit of a pull request: per file, the new-side lines that commit did not
/// have. An incremental review comments only there; everything else was already reviewed.
/// </summary>
public sealed record ReviewIncrement
{
    /// <summary>The head reviewed last time.</summary>
    public required string SinceSha { get; init; }

    /// <summary>New-side line numbers changed since <see cref="SinceSha"/>, by path. A file absent here did not change.</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<int>> Lines { get; init; }

    /// <summary>Paths whose every line counts as new (the file could not be compared).</summary>
    public IReadOnlySet<string> WholeFiles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when any of lines <paramref name="startLine"/>..<paramref name="endLine"/> of <paramref name="path"/> changed since the last review.</summary>
    public bool Touches(string path, int startLine, int endLine)
    {
        if (WholeFiles.Contains(path))
        {
            return true;
        }

        if (!Lines.TryGetValue(path, out var changed))
        {
            return false;
        }

        for (var line = startLine; line <= endLine; line++)
        {
            if (changed.Contains(line))
            {
                return true;
            }
        }

        return false;
    }
}
