using System.Globalization;
using System.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>Writes a parsed diff back out the way GitHub serves it: whole (<c>.diff</c>) or per file (<c>patch</c>).</summary>
internal static class DiffRendering
{
    public static string Whole(UnifiedDiff diff)
    {
        var text = new StringBuilder();
        foreach (var file in diff.Files)
        {
            var oldPath = file.OldPath ?? file.NewPath!;
            var newPath = file.NewPath ?? file.OldPath!;
            text.Append("diff --git a/").Append(oldPath).Append(" b/").Append(newPath).Append('\n');
            var mode = file.NewMode ?? file.OldMode ?? "100644";
            switch (file.Change)
            {
                case FileChangeKind.Added:
                    text.Append("new file mode ").Append(mode).Append('\n');
                    break;
                case FileChangeKind.Deleted:
                    text.Append("deleted file mode ").Append(mode).Append('\n');
                    break;
                case FileChangeKind.Renamed or FileChangeKind.Copied:
                    var verb = file.Change == FileChangeKind.Renamed ? "rename" : "copy";
                    text.Append(CultureInfo.InvariantCulture, $"similarity index {file.Similarity ?? 90}%\n");
                    text.Append(verb).Append(" from ").Append(oldPath).Append('\n');
                    text.Append(verb).Append(" to ").Append(newPath).Append('\n');
                    break;
            }

            var before = file.Change == FileChangeKind.Added ? "0000000" : WireJson.Sha("old" + oldPath)[..7];
            var after = file.Change == FileChangeKind.Deleted ? "0000000" : WireJson.Sha("new" + newPath)[..7];
            text.Append("index ").Append(before).Append("..").Append(after);
            text.Append(file.Change is FileChangeKind.Added or FileChangeKind.Deleted ? "\n" : " " + mode + "\n");
            if (file.IsBinary)
            {
                text.Append("Binary files ").Append(file.Change == FileChangeKind.Added ? "/dev/null" : "a/" + oldPath)
                    .Append(" and ").Append(file.Change == FileChangeKind.Deleted ? "/dev/null" : "b/" + newPath).Append(" differ\n");
                continue;
            }

            if (file.Hunks.Count == 0)
            {
                continue;
            }

            text.Append("--- ").Append(file.Change == FileChangeKind.Added ? "/dev/null" : "a/" + oldPath).Append('\n');
            text.Append("+++ ").Append(file.Change == FileChangeKind.Deleted ? "/dev/null" : "b/" + newPath).Append('\n');
            text.Append(Hunks(file)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The hunks of one file, as the pull request files API returns them in <c>patch</c> (no trailing newline).</summary>
    public static string Hunks(DiffFile file)
    {
        var text = new StringBuilder();
        foreach (var hunk in file.Hunks)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            AppendHunk(text, hunk, hunk.Lines.Count);
        }

        return text.ToString();
    }

    /// <summary>A review comment's <c>diff_hunk</c>: its hunk up to and including the commented line.</summary>
    public static string HunkUpTo(DiffFile file, int line, bool leftSide)
    {
        foreach (var hunk in file.Hunks)
        {
            var index = hunk.Lines.ToList().FindIndex(l => leftSide ? l.Kind != DiffLineKind.Added && l.OldLine == line : l.IsOnNewSide && l.NewLine == line);
            if (index >= 0)
            {
                var text = new StringBuilder();
                AppendHunk(text, hunk, index + 1);
                return text.ToString();
            }
        }

        return "";
    }

    private static void AppendHunk(StringBuilder text, DiffHunk hunk, int lineCount)
    {
        text.Append(CultureInfo.InvariantCulture, $"@@ -{hunk.OldStart},{hunk.OldCount} +{hunk.NewStart},{hunk.NewCount} @@");
        if (hunk.Section.Length > 0)
        {
            text.Append(' ').Append(hunk.Section);
        }

        foreach (var line in hunk.Lines.Take(lineCount))
        {
            text.Append('\n').Append(line.Kind switch { DiffLineKind.Added => '+', DiffLineKind.Deleted => '-', _ => ' ' }).Append(line.Text);
            if (line.NoNewlineAtEnd)
            {
                text.Append("\n\\ No newline at end of file");
            }
        }
    }
}
