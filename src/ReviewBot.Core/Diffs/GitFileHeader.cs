using System.Globalization;

namespace ReviewBot.Core.Diffs;

/// <summary>Accumulates git's extended header lines (modes, renames, copies, binary markers) for one file.</summary>
internal sealed class GitFileHeader(string oldPath, string newPath)
{
    public string OldPath { get; set; } = oldPath;

    public string NewPath { get; set; } = newPath;

    public string? OldMode { get; private set; }

    public string? NewMode { get; private set; }

    public bool IsAdded { get; set; }

    public bool IsDeleted { get; set; }

    public bool IsRenamed { get; private set; }

    public bool IsCopied { get; private set; }

    public bool IsBinary { get; set; }

    public int? Similarity { get; private set; }

    /// <summary>Consumes one extended header line; false when the line is not one.</summary>
    public bool TryRead(string line)
    {
        if (TryValue(line, "old mode ", out var value))
        {
            OldMode = value;
        }
        else if (TryValue(line, "new mode ", out value))
        {
            NewMode = value;
        }
        else if (TryValue(line, "deleted file mode ", out value))
        {
            IsDeleted = true;
            OldMode = value;
        }
        else if (TryValue(line, "new file mode ", out value))
        {
            IsAdded = true;
            NewMode = value;
        }
        else if (TryValue(line, "rename from ", out value))
        {
            IsRenamed = true;
            OldPath = GitPath.FromExtendedHeader(value);
        }
        else if (TryValue(line, "rename to ", out value))
        {
            IsRenamed = true;
            NewPath = GitPath.FromExtendedHeader(value);
        }
        else if (TryValue(line, "copy from ", out value))
        {
            IsCopied = true;
            OldPath = GitPath.FromExtendedHeader(value);
        }
        else if (TryValue(line, "copy to ", out value))
        {
            IsCopied = true;
            NewPath = GitPath.FromExtendedHeader(value);
        }
        else if (TryValue(line, "similarity index ", out value) || TryValue(line, "dissimilarity index ", out value))
        {
            Similarity = int.TryParse(value.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : null;
        }
        else if (TryValue(line, "index ", out value))
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && OldMode is null && NewMode is null)
            {
                OldMode = NewMode = value[(space + 1)..];
            }
        }
        else if (line.StartsWith("Binary files ", StringComparison.Ordinal) && line.EndsWith(" differ", StringComparison.Ordinal))
        {
            IsBinary = true;
        }
        else
        {
            return false;
        }

        return true;
    }

    public DiffFile ToFile(IReadOnlyList<DiffHunk> hunks) => new()
    {
        OldPath = IsAdded ? null : OldPath,
        NewPath = IsDeleted ? null : NewPath,
        Change = IsAdded ? FileChangeKind.Added
            : IsDeleted ? FileChangeKind.Deleted
            : IsCopied ? FileChangeKind.Copied
            : IsRenamed ? FileChangeKind.Renamed
            : FileChangeKind.Modified,
        OldMode = IsAdded ? null : OldMode,
        NewMode = IsDeleted ? null : NewMode,
        IsBinary = IsBinary,
        Similarity = Similarity,
        Hunks = hunks,
    };

    private static bool TryValue(string line, string prefix, out string value)
    {
        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            value = line[prefix.Length..];
            return true;
        }

        value = "";
        return false;
    }
}
