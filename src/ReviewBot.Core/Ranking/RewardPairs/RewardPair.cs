using System.Text.Json.Serialization;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Ranking.RewardPairs;

/// <summary>Where a preference pair came from.</summary>
[JsonConverter(typeof(LowerCaseEnumConverter<RewardPairSource>))]
public enum RewardPairSource
{
    /// <summary>Made by inserting a known bug into real code (cold start, evaluation).</summary>
    Tamper,

    /// <summary>Made from maintainers' reactions to posted comments.</summary>
    Feedback,
}

/// <summary>
/// One line of a <c>reward-pairs</c> JSONL file: two critiques of the same diff, the first preferred over the second.
/// The format is shared by the dataset export, the reward model trainer and the evaluation.
/// </summary>
public sealed record RewardPair
{
    /// <summary>Unique id of the pair.</summary>
    public required string Id { get; init; }

    /// <summary>The pull request or tamper the pair belongs to; a train/held-out split never cuts a group.</summary>
    public required string Group { get; init; }

    public required RewardPairSource Source { get; init; }

    /// <summary>Weight of the pair in the loss (positive).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>The unified diff text the critic saw.</summary>
    public required string Diff { get; init; }

    /// <summary>The preferred critique.</summary>
    public required RewardPairCritique Chosen { get; init; }

    /// <summary>The critique it was preferred over.</summary>
    public required RewardPairCritique Rejected { get; init; }
}

/// <summary>A critique as stored in a pair.</summary>
public sealed record RewardPairCritique
{
    public required IReadOnlyList<RewardPairHighlight> Highlights { get; init; }

    public Critique ToCritique() => new() { Highlights = [.. Highlights.Select(static h => h.ToHighlight())] };

    public static RewardPairCritique From(Critique critique)
    {
        ArgumentNullException.ThrowIfNull(critique);
        return new RewardPairCritique { Highlights = [.. critique.Highlights.Select(RewardPairHighlight.From)] };
    }
}

/// <summary>A highlight as stored in a pair: the fields of <see cref="Highlight"/> a reward model may look at.</summary>
public sealed record RewardPairHighlight
{
    public required string Path { get; init; }

    public required int StartLine { get; init; }

    public required int EndLine { get; init; }

    public required string Quote { get; init; }

    public required string Comment { get; init; }

    [JsonConverter(typeof(LowerCaseEnumConverter<FindingKind>))]
    public required FindingKind Kind { get; init; }

    [JsonConverter(typeof(LowerCaseEnumConverter<HighlightSource>))]
    public required HighlightSource Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RuleId { get; init; }

    public required double Confidence { get; init; }

    public required bool OnAddedLine { get; init; }

    public Highlight ToHighlight() => new()
    {
        Path = Path,
        StartLine = StartLine,
        EndLine = EndLine,
        Quote = Quote,
        Comment = Comment,
        Kind = Kind,
        Source = Source,
        RuleId = RuleId,
        Confidence = Confidence,
        OnAddedLine = OnAddedLine,
    };

    public static RewardPairHighlight From(Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(highlight);
        return new RewardPairHighlight
        {
            Path = highlight.Path,
            StartLine = highlight.StartLine,
            EndLine = highlight.EndLine,
            Quote = highlight.Quote,
            Comment = highlight.Comment,
            Kind = highlight.Kind,
            Source = highlight.Source,
            RuleId = highlight.RuleId,
            Confidence = highlight.Confidence,
            OnAddedLine = highlight.OnAddedLine,
        };
    }
}

/// <summary>Enum names in lower case (<c>bug</c>, <c>llm</c>, <c>tamper</c>); numbers are rejected.</summary>
public sealed class LowerCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(LowerCaseNamingPolicy.Instance, allowIntegerValues: false)
    where TEnum : struct, Enum;

internal sealed class LowerCaseNamingPolicy : System.Text.Json.JsonNamingPolicy
{
    public static LowerCaseNamingPolicy Instance { get; } = new();

    public override string ConvertName(string name) => name.ToLowerInvariant();
}
