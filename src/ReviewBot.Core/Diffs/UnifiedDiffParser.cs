using System.Globalization;

namespace ReviewBot.Core.Diffs;

/// <summary>
/// Parses unified diffs as <c>git diff</c>, <c>git format-patch</c> and GitHub (<c>application/vnd.github.diff</c>)
/// produce them, plus plain <c>diff -u</c> output. Bad input yields a <see cref="DiffParseResult"/> carrying an error;
/// the parser never throws for input it does not understand.
/// </summary>
public static class UnifiedDiffParser
{
    public static DiffParseResult Parse(ReadOnlySpan<byte> bytes) => Parse(DiffText.SplitLines(bytes));

    public static DiffParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(DiffText.SplitLines(text));
    }

    /// <summary>
    /// Parses the hunks of one file as the GitHub pull request files API returns them in <c>patch</c>:
    /// hunks only, no file headers.
    /// </summary>
    public static DiffParseResult ParseFilePatch(string path, string? patch, FileChangeKind change = FileChangeKind.Modified, string? previousPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = DiffText.SplitLines(patch ?? "");
        var hunks = new List<DiffHunk>();
        var index = 0;
        while (index < lines.Count)
        {
            if (lines[index].Length == 0 && index == lines.Count - 1)
            {
                break;
            }

            if (!lines[index].StartsWith("@@", StringComparison.Ordinal))
            {
                return DiffParseResult.Failure(index + 1, "expected a hunk header (@@ -a,b +c,d @@)");
            }

            var hunk = ReadHunk(lines, ref index, out var error);
            if (hunk is null)
            {
                return DiffParseResult.Failure(index + 1, error!);
            }

            hunks.Add(hunk);
        }

        var file = new DiffFile
        {
            OldPath = change == FileChangeKind.Added ? null : previousPath ?? path,
            NewPath = change == FileChangeKind.Deleted ? null : path,
            Change = change,
            IsBinary = patch is null && change != FileChangeKind.Deleted && change != FileChangeKind.Renamed,
            Hunks = hunks,
        };
        return DiffParseResult.Success(new UnifiedDiff { Files = [file] });
    }

    private static DiffParseResult Parse(List<string> lines)
    {
        var files = new List<DiffFile>();
        var index = 0;
        var sawAnything = false;
        while (index < lines.Count)
        {
            var line = lines[index];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                sawAnything = true;
                var file = ReadGitFile(lines, ref index, out var error);
                if (file is null)
                {
                    return DiffParseResult.Failure(index + 1, error!);
                }

                files.Add(file);
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && index + 1 < lines.Count &&
                     lines[index + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                sawAnything = true;
                var file = ReadPlainFile(lines, ref index, out var error);
                if (file is null)
                {
                    return DiffParseResult.Failure(index + 1, error!);
                }

                files.Add(file);
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                return DiffParseResult.Failure(index + 1, "hunk header without a file header (---/+++ or diff --git)");
            }
            else
            {
                // Preamble (format-patch mail headers, commit message), trailers ("-- " signature) and blank lines.
                index++;
            }
        }

        var hasText = lines.Exists(static l => l.Length > 0);
        if (!sawAnything && hasText)
        {
            return DiffParseResult.Failure(1, "no file header found: this is not a unified diff");
        }

        return DiffParseResult.Success(new UnifiedDiff { Files = files });
    }

    private static DiffFile? ReadGitFile(List<string> lines, ref int index, out string? error)
    {
        error = null;
        var headerLine = index;
        if (!GitPath.TrySplitGitHeader(lines[index]["diff --git ".Length..], out var oldPath, out var newPath))
        {
            error = "cannot read the paths of 'diff --git'";
            return null;
        }

        index++;
        var header = new GitFileHeader(oldPath, newPath);
        while (index < lines.Count && header.TryRead(lines[index]))
        {
            index++;
        }

        if (index < lines.Count && lines[index].StartsWith("GIT binary patch", StringComparison.Ordinal))
        {
            header.IsBinary = true;
            index++;
            while (index < lines.Count && !IsFileStart(lines, index))
            {
                index++;
            }
        }

        if (index < lines.Count && lines[index].StartsWith("--- ", StringComparison.Ordinal))
        {
            if (index + 1 >= lines.Count || !lines[index + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                error = "'---' line without a following '+++' line";
                return null;
            }

            var fromPath = GitPath.FromFileHeader(lines[index][4..], 'a');
            var toPath = GitPath.FromFileHeader(lines[index + 1][4..], 'b');
            header.OldPath = fromPath == GitPath.DevNull ? header.OldPath : fromPath;
            header.NewPath = toPath == GitPath.DevNull ? header.NewPath : toPath;
            header.IsAdded |= fromPath == GitPath.DevNull;
            header.IsDeleted |= toPath == GitPath.DevNull;
            index += 2;
        }

        var hunks = ReadHunks(lines, ref index, out error);
        if (hunks is null)
        {
            return null;
        }

        if (index == headerLine)
        {
            error = "empty file entry";
            return null;
        }

        return header.ToFile(hunks);
    }

    private static DiffFile? ReadPlainFile(List<string> lines, ref int index, out string? error)
    {
        var fromPath = GitPath.FromFileHeader(lines[index][4..], 'a');
        var toPath = GitPath.FromFileHeader(lines[index + 1][4..], 'b');
        index += 2;
        var hunks = ReadHunks(lines, ref index, out error);
        if (hunks is null)
        {
            return null;
        }

        var added = fromPath == GitPath.DevNull;
        var deleted = toPath == GitPath.DevNull;
        return new DiffFile
        {
            OldPath = added ? null : fromPath,
            NewPath = deleted ? null : toPath,
            Change = added ? FileChangeKind.Added
                : deleted ? FileChangeKind.Deleted
                : fromPath != toPath ? FileChangeKind.Renamed
                : FileChangeKind.Modified,
            Hunks = hunks,
        };
    }

    private static List<DiffHunk>? ReadHunks(List<string> lines, ref int index, out string? error)
    {
        error = null;
        var hunks = new List<DiffHunk>();
        while (index < lines.Count && lines[index].StartsWith("@@", StringComparison.Ordinal))
        {
            var hunk = ReadHunk(lines, ref index, out error);
            if (hunk is null)
            {
                return null;
            }

            hunks.Add(hunk);
        }

        return hunks;
    }

    private static DiffHunk? ReadHunk(List<string> lines, ref int index, out string? error)
    {
        error = null;
        if (!TryParseHunkHeader(lines[index], out var oldStart, out var oldCount, out var newStart, out var newCount, out var section))
        {
            error = $"malformed hunk header '{Truncate(lines[index])}'";
            return null;
        }

        index++;
        // The header's counts are untrusted: a forged "+1,999999999" must not reserve gigabytes. A hunk can hold no
        // more lines than the input has left.
        var body = new List<DiffLine>((int)Math.Min((long)oldCount + newCount, lines.Count - index));
        int oldLine = oldStart, newLine = newStart, oldLeft = oldCount, newLeft = newCount;
        while (oldLeft > 0 || newLeft > 0)
        {
            if (index >= lines.Count)
            {
                error = $"hunk truncated: {oldLeft} old and {newLeft} new line(s) missing";
                return null;
            }

            var text = lines[index];
            var marker = text.Length == 0 ? ' ' : text[0];
            var content = text.Length == 0 ? "" : text[1..];
            switch (marker)
            {
                case ' ' when oldLeft > 0 && newLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Context, oldLine++, newLine++, content));
                    oldLeft--;
                    newLeft--;
                    break;
                case '+' when newLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Added, 0, newLine++, content));
                    newLeft--;
                    break;
                case '-' when oldLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Deleted, oldLine++, 0, content));
                    oldLeft--;
                    break;
                case '\\':
                    MarkNoNewline(body);
                    break;
                default:
                    error = $"line does not fit the hunk (expected {oldLeft} old and {newLeft} new line(s) more)";
                    return null;
            }

            index++;
        }

        if (index < lines.Count && lines[index].StartsWith('\\'))
        {
            MarkNoNewline(body);
            index++;
        }

        return new DiffHunk
        {
            OldStart = oldStart,
            OldCount = oldCount,
            NewStart = newStart,
            NewCount = newCount,
            Section = section,
            Lines = body,
        };
    }

    private static void MarkNoNewline(List<DiffLine> body)
    {
        if (body.Count > 0)
        {
            body[^1] = body[^1] with { NoNewlineAtEnd = true };
        }
    }

    /// <summary>Parses <c>@@ -a[,b] +c[,d] @@[ section]</c>; omitted counts are 1.</summary>
    internal static bool TryParseHunkHeader(string line, out int oldStart, out int oldCount, out int newStart, out int newCount, out string section)
    {
        oldStart = oldCount = newStart = newCount = 0;
        section = "";
        var span = line.AsSpan();
        if (!span.StartsWith("@@ -"))
        {
            return false;
        }

        span = span[4..];
        if (!TryReadRange(ref span, out oldStart, out oldCount) || !span.StartsWith(" +"))
        {
            return false;
        }

        span = span[2..];
        if (!TryReadRange(ref span, out newStart, out newCount) || !span.StartsWith(" @@"))
        {
            return false;
        }

        span = span[3..];
        section = span.TrimStart(' ').ToString();
        return true;
    }

    private static bool TryReadRange(ref ReadOnlySpan<char> span, out int start, out int count)
    {
        count = 1;
        if (!TryReadNumber(ref span, out start))
        {
            return false;
        }

        if (!span.IsEmpty && span[0] == ',')
        {
            span = span[1..];
            return TryReadNumber(ref span, out count);
        }

        return true;
    }

    private static bool TryReadNumber(ref ReadOnlySpan<char> span, out int value)
    {
        var length = 0;
        while (length < span.Length && char.IsAsciiDigit(span[length]))
        {
            length++;
        }

        value = 0;
        if (length is 0 or > 9 || !int.TryParse(span[..length], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        span = span[length..];
        return true;
    }

    private static bool IsFileStart(List<string> lines, int index) =>
        lines[index].StartsWith("diff --git ", StringComparison.Ordinal) ||
        (lines[index].StartsWith("--- ", StringComparison.Ordinal) && index + 1 < lines.Count &&
         lines[index + 1].StartsWith("+++ ", StringComparison.Ordinal));

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
