using Microsoft.CodeAnalysis;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Changes;

/// <summary>A changed file ready for analysis: its diff, its text at head (and at base when it existed), its syntax trees.</summary>
internal sealed class ChangedFile
{
    private readonly Dictionary<int, DiffLine> _newSide;

    public ChangedFile(DiffFile diff, FileVersion head, FileVersion? baseVersion)
    {
        ArgumentNullException.ThrowIfNull(diff);
        Diff = diff;
        Head = head;
        Base = baseVersion;
        _newSide = [];
        foreach (var line in diff.NewSideLines)
        {
            _newSide[line.NewLine] = line;
        }
    }

    public DiffFile Diff { get; }

    /// <summary>The path a reviewer comments on (the new path).</summary>
    public string Path => Diff.Path;

    public FileVersion Head { get; }

    public FileVersion? Base { get; }

    public SyntaxTree? HeadTree { get; init; }

    public SyntaxTree? BaseTree { get; init; }

    /// <summary>The diff's new-side line <paramref name="newLine"/> (added or context), if the diff shows it.</summary>
    public DiffLine? NewSideLine(int newLine) => _newSide.GetValueOrDefault(newLine);

    /// <summary>True when some head text line in <paramref name="first"/>..<paramref name="last"/> was added by the change.</summary>
    public bool TouchesAddedLine(int first, int last)
    {
        for (var index = first; index <= last; index++)
        {
            if (NewSideLine(Head.FileLineOf(index))?.Kind == DiffLineKind.Added)
            {
                return true;
            }
        }

        return false;
    }
}
