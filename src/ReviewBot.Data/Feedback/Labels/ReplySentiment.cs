using System.Text.RegularExpressions;

namespace ReviewBot.Data.Feedback.Labels;

/// <summary>Whether a reply to a ReviewBot comment agrees with it, disagrees, or neither.</summary>
public enum Sentiment
{
    Neutral,
    Agrees,
    Disagrees,
}

/// <summary>
/// A deliberately small, predictable reading of replies: fixed phrases, whole words, case-insensitive. Disagreement
/// wins over agreement ("thanks, but this is wrong" disagrees), and a negated disagreement ("not wrong") does not
/// count. Anything unclear is neutral and carries no weight.
/// </summary>
public static partial class ReplySentiment
{
    public static Sentiment Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Sentiment.Neutral;
        }

        // Quoted lines repeat the comment being answered, not the person's view.
        var own = string.Join('\n', text.Split('\n').Where(static l => !l.TrimStart().StartsWith('>')));
        try
        {
            foreach (Match match in Disagree().Matches(own))
            {
                if (!Negated().IsMatch(own[..match.Index]))
                {
                    return Sentiment.Disagrees;
                }
            }

            return Agree().IsMatch(own) ? Sentiment.Agrees : Sentiment.Neutral;
        }
        catch (RegexMatchTimeoutException)
        {
            return Sentiment.Neutral;
        }
    }

    [GeneratedRegex(
        @"(?<![\w-])(wrong|incorrect|false[ -]positive|not (a|an) (bug|issue|problem)|by design|intended|intentional|won'?t fix|wontfix|disagree|does(n'?t| not) apply|irrelevant|nonsense|hallucinat\w*|not true|invalid|nope)(?![\w-])|👎",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Disagree();

    [GeneratedRegex(@"(not|isn'?t|is not|never)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Negated();

    [GeneratedRegex(
        @"(?<![\w-])(good|nice|great) catch|(?<![\w-])(thanks|thank you|fixed|done|agreed?|you'?re right|you are right|will fix|good point|valid point|makes sense|addressed)(?![\w-])|\+1|👍",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Agree();
}
