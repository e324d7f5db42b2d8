using System.Globalization;
using System.Text;

namespace ReviewBot.Core.Diffs;

/// <summary>
/// Writes a <see cref="UnifiedDiff"/> back as <c>git diff</c> text that <see cref="UnifiedDiffParser"/> reads into an
/// equal diff: file headers with modes, renames, copies and binary markers, paths C-quoted where git would quote
/// them (and where a space would make the header ambiguous), hunks with explicit counts, and
/// <c>\ No newline at end of file</c> markers. Used to store and export exactly the diff a critic saw.
/// </summary>
public static class UnifiedDiffWriter
{
    public static string Write(UnifiedDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        foreach (var file in diff.Files)
        {
            WriteFile(text, file);
        }

        return text.ToString();
    }

    private static void WriteFile(StringBuilder text, DiffFile file)
    {
        var oldPath = file.OldPath ?? file.NewPath ?? "";
        var newPath = file.NewPath ?? file.OldPath ?? "";
        text.Append("diff --git ").Append(Quote("a/" + oldPath)).Append(' ').Append(Quote("b/" + newPath)).Append('\n');
        switch (file.Change)
        {
            case FileChangeKind.Added:
                AppendIf(text, "new file mode ", file.NewMode);
                break;
            case FileChangeKind.Deleted:
                AppendIf(text, "deleted file mode ", file.OldMode);
                break;
            default:
                AppendIf(text, "old mode ", file.OldMode);
                AppendIf(text, "new mode ", file.NewMode);
                break;
        }

        if (file.Similarity is { } similarity)
        {
            text.Append("similarity index ").Append(similarity.ToString(CultureInfo.InvariantCulture)).Append("%\n");
        }

        if (file.Change is FileChangeKind.Renamed or FileChangeKind.Copied)
        {
            var verb = file.Change == FileChangeKind.Renamed ? "rename" : "copy";
            text.Append(verb).Append(" from ").Append(Quote(oldPath)).Append('\n');
            text.Append(verb).Append(" to ").Append(Quote(newPath)).Append('\n');
        }

        if (file.IsBinary)
        {
            text.Append("Binary files ").Append(Quote("a/" + oldPath)).Append(" and ").Append(Quote("b/" + newPath)).Append(" differ\n");
        }

        // Without hunks an added or deleted file says so only through its mode line or these two lines.
        var needsFileLines = file.Hunks.Count > 0
            || (file.Change == FileChangeKind.Added && string.IsNullOrEmpty(file.NewMode))
            || (file.Change == FileChangeKind.Deleted && string.IsNullOrEmpty(file.OldMode));
        if (!needsFileLines)
        {
            return;
        }

        text.Append("--- ").Append(file.Change == FileChangeKind.Added ? "/dev/null" : Quote("a/" + oldPath)).Append('\n');
        text.Append("+++ ").Append(file.Change == FileChangeKind.Deleted ? "/dev/null" : Quote("b/" + newPath)).Append('\n');
        foreach (var hunk in file.Hunks)
        {
            WriteHunk(text, hunk);
        }
    }

    private static void WriteHunk(StringBuilder text, DiffHunk hunk)
    {
        text.Append(CultureInfo.InvariantCulture, $"@@ -{hunk.OldStart},{hunk.OldCount} +{hunk.NewStart},{hunk.NewCount} @@");
        if (hunk.Section.Length > 0)
        {
            text.Append(' ').Append(hunk.Section);
        }

        text.Append('\n');
        foreach (var line in hunk.Lines)
        {
            text.Append(line.Kind switch
            {
                DiffLineKind.Added => '+',
                DiffLineKind.Deleted => '-',
                _ => ' ',
            }).Append(line.Text).Append('\n');
            if (line.NoNewlineAtEnd)
            {
                text.Append("\\ No newline at end of file\n");
            }
        }
    }

    private static void AppendIf(StringBuilder text, string prefix, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(prefix).Append(value).Append('\n');
        }
    }

    /// <summary>
    /// The path as is, or C-quoted like git (octal escapes for control and non-ASCII bytes) when it holds anything
    /// a header could not carry plainly: quotes, backslashes, control characters, non-ASCII, spaces or a tab.
    /// </summary>
    public static string Quote(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.All(static c => c is > ' ' and < '\u007f' and not '"' and not '\\'))
        {
            return path;
        }

        var quoted = new StringBuilder(path.Length + 8).Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            _ = b switch
            {
                (byte)'"' => quoted.Append("\\\""),
                (byte)'\\' => quoted.Append("\\\\"),
                (byte)'\n' => quoted.Append("\\n"),
                (byte)'\t' => quoted.Append("\\t"),
                (byte)'\r' => quoted.Append("\\r"),
                >= 0x20 and < 0x7f => quoted.Append((char)b),
                _ => quoted.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')),
            };
        }

        return quoted.Append('"').ToString();
    }
}
