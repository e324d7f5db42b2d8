using System.Text.Json;

namespace ReviewBot.Core.Ranking.RewardPairs;

/// <summary>A line of a <c>reward-pairs</c> file that could not be used, and why.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Message">What was wrong with it.</param>
public sealed record RewardPairLineError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>Every usable pair of a file (with its line number) and every line that was not.</summary>
public sealed record RewardPairsReadResult
{
    public required IReadOnlyList<(int Line, RewardPair Pair)> Pairs { get; init; }

    public required IReadOnlyList<RewardPairLineError> Errors { get; init; }

    /// <summary>Non-blank lines seen.</summary>
    public int LineCount => Pairs.Count + Errors.Count;
}

/// <summary>Reads and writes <c>reward-pairs</c> JSONL: one <see cref="RewardPair"/> per line, blank lines ignored.</summary>
public static class RewardPairsFile
{
    /// <summary>Reads every line; a bad line becomes an error value and never stops the rest.</summary>
    public static RewardPairsReadResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pairs = new List<(int, RewardPair)>();
        var errors = new List<RewardPairLineError>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (pair, error) = Parse(line);
            if (pair is not null)
            {
                pairs.Add((number, pair));
            }
            else
            {
                errors.Add(new RewardPairLineError(number, error!));
            }
        }

        return new RewardPairsReadResult { Pairs = pairs, Errors = errors };
    }

    /// <summary>One line: the pair, or why it is not one.</summary>
    public static (RewardPair? Pair, string? Error) Parse(string line)
    {
        RewardPair? pair;
        try
        {
            pair = JsonSerializer.Deserialize(line, RewardPairsJsonContext.Default.RewardPair);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }

        if (pair is null)
        {
            return (null, "expected a JSON object, found null");
        }

        var problem = Validate(pair);
        return problem is null ? (pair, null) : (null, problem);
    }

    /// <summary>One compact line (no trailing newline).</summary>
    public static string Format(RewardPair pair) => JsonSerializer.Serialize(pair, RewardPairsJsonContext.Default.RewardPair);

    public static void Write(TextWriter writer, IEnumerable<RewardPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            writer.Write(Format(pair));
            writer.Write('\n');
        }
    }

    /// <summary>The rules JSON cannot express; null when the pair is usable.</summary>
    public static string? Validate(RewardPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (string.IsNullOrWhiteSpace(pair.Id))
        {
            return "\"id\" is empty";
        }

        if (string.IsNullOrWhiteSpace(pair.Group))
        {
            return "\"group\" is empty";
        }

        if (!double.IsFinite(pair.Weight) || pair.Weight <= 0)
        {
            return $"\"weight\" must be a positive number (was {pair.Weight})";
        }

        return Validate(pair.Chosen, "chosen") ?? Validate(pair.Rejected, "rejected");
    }

    private static string? Validate(RewardPairCritique critique, string name)
    {
        for (var i = 0; i < critique.Highlights.Count; i++)
        {
            var h = critique.Highlights[i];
            var where = $"{name}.highlights[{i}]";
            if (h is null)
            {
                return $"{where} is null";
            }

            if (string.IsNullOrWhiteSpace(h.Path))
            {
                return $"{where}.path is empty";
            }

            if (h.StartLine < 1 || h.EndLine < h.StartLine)
            {
                return $"{where}: lines {h.StartLine}-{h.EndLine} are not a range of 1-based lines";
            }

            if (!double.IsFinite(h.Confidence) || h.Confidence < 0 || h.Confidence > 1)
            {
                return $"{where}.confidence must lie in [0, 1] (was {h.Confidence})";
            }
        }

        return null;
    }
}
