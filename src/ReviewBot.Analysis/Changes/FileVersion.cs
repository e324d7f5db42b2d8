using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Changes;

/// <summary>
/// One side of a changed file as ReviewBot could get it: the whole file, or only what the diff shows of it (its
/// hunks, one segment each, separated by a blank line). Each text line knows its line number in the real file.
/// </summary>
internal sealed class FileVersion
{
    private readonly int[]? _fileLines;
    private readonly int[]? _segmentOfLine;
    private Dictionary<int, int>? _indexOfFileLine;

    private FileVersion(string text, int[]? fileLines, int[]? segmentOfLine)
    {
        Source = SourceText.From(text);
        _fileLines = fileLines;
        _segmentOfLine = segmentOfLine;
    }

    public SourceText Source { get; }

    /// <summary>True when this is the whole file; false when it was rebuilt from the diff's hunks.</summary>
    public bool IsComplete => _fileLines is null;

    public int LineCount => Source.Lines.Count;

    /// <summary>The whole file. Line breaks other than <c>\n</c> and <c>\r\n</c> become spaces so lines match the diff's.</summary>
    public static FileVersion Complete(string content) => new(SafeLineBreaks(content), null, null);

    /// <summary>What the hunks show of one side of <paramref name="file"/>: context lines plus added (new) or deleted (old) lines.</summary>
    public static FileVersion FromHunks(DiffFile file, bool newSide)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = new System.Text.StringBuilder();
        var fileLines = new List<int>();
        var segments = new List<int>();
        var segment = 0;
        foreach (var hunk in file.Hunks)
        {
            var any = false;
            foreach (var line in hunk.Lines)
            {
                var number = newSide ? line.NewLine : line.OldLine;
                if (number <= 0)
                {
                    continue;
                }

                if (!any && fileLines.Count > 0)
                {
                    // A blank line between hunks keeps a token of one from gluing to the next.
                    text.Append('\n');
                    fileLines.Add(0);
                    segments.Add(-1);
                }

                any = true;
                text.Append(SafeLineBreaks(line.Text)).Append('\n');
                fileLines.Add(number);
                segments.Add(segment);
            }

            segment += any ? 1 : 0;
        }

        // A trailing '\n' makes SourceText report one more, empty line; give it a number too.
        fileLines.Add(0);
        segments.Add(-1);
        return new FileVersion(text.ToString(), [.. fileLines], [.. segments]);
    }

    /// <summary>The 1-based line number in the real file of text line <paramref name="index"/>, or 0 for a separator.</summary>
    public int FileLineOf(int index)
    {
        if (index < 0 || index >= LineCount)
        {
            return 0;
        }

        return _fileLines is null ? index + 1 : index < _fileLines.Length ? _fileLines[index] : 0;
    }

    /// <summary>The text line index of real file line <paramref name="fileLine"/>, or -1 when this version does not show it.</summary>
    public int IndexOfFileLine(int fileLine)
    {
        if (_fileLines is null)
        {
            return fileLine >= 1 && fileLine <= LineCount ? fileLine - 1 : -1;
        }

        if (_indexOfFileLine is null)
        {
            var map = new Dictionary<int, int>(_fileLines.Length);
            for (var i = 0; i < _fileLines.Length; i++)
            {
                if (_fileLines[i] > 0)
                {
                    map.TryAdd(_fileLines[i], i);
                }
            }

            _indexOfFileLine = map;
        }

        return _indexOfFileLine.GetValueOrDefault(fileLine, -1);
    }

    /// <summary>
    /// True when text lines <paramref name="first"/>..<paramref name="last"/> are consecutive lines of the real file,
    /// i.e. they lie in one hunk of a rebuilt version (always true for a whole file).
    /// </summary>
    public bool IsContiguous(int first, int last)
    {
        if (first < 0 || last >= LineCount || first > last)
        {
            return false;
        }

        if (_segmentOfLine is null)
        {
            return true;
        }

        var segment = _segmentOfLine[first];
        return segment >= 0 && last < _segmentOfLine.Length && _segmentOfLine[last] == segment;
    }

    public string LineText(int index) => Source.Lines[index].ToString();

    /// <summary>Whitespace-insensitive text of lines <paramref name="first"/>..<paramref name="last"/>, to recognise a line that moved.</summary>
    public string NormalizedText(int first, int last)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = Math.Max(0, first); i <= last && i < LineCount; i++)
        {
            foreach (var part in LineText(i).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(part);
            }
        }

        return builder.ToString();
    }

    // Roslyn also breaks lines at a lone '\r', U+0085, U+2028 and U+2029; git only at '\n'. Replacing them keeps
    // every offset and makes both agree on line numbers.
    private static string SafeLineBreaks(string text)
    {
        if (text.AsSpan().IndexOfAny("\r\u0085\u2028\u2029") < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if ((c == '\r' && (i + 1 >= chars.Length || chars[i + 1] != '\n')) || c is '\u0085' or '\u2028' or '\u2029')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
