using System.Globalization;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.Jobs.Feedback;

/// <summary>The reaction roll-up GitHub embeds in a comment, as one comparable string (<c>+1=2 -1=0 …</c>).</summary>
public static class ReactionCounts
{
    /// <summary>No reactions: what a comment never polled is taken to have, so it costs no request until one appears.</summary>
    public static string None { get; } = Format(null);

    public static string Format(ReactionRollup? rollup)
    {
        var r = rollup ?? new ReactionRollup();
        return string.Create(CultureInfo.InvariantCulture,
            $"+1={r.PlusOne} -1={r.MinusOne} laugh={r.Laugh} confused={r.Confused} heart={r.Heart} hooray={r.Hooray} rocket={r.Rocket} eyes={r.Eyes}");
    }
}
