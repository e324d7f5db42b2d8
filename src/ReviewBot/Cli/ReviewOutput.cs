using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Cli;

/// <summary>How <c>reviewbot review</c> prints.</summary>
public enum ReviewFormat
{
    Markdown,
    Json,
}

/// <summary>
/// The printed review. The JSON shape is a contract (<c>comments</c>, <c>summary</c>, <c>stats</c>): fields may be
/// added, never renamed or removed.
/// </summary>
public static class ReviewOutput
{
    // Quotes of code are read by people: keep '<', '+' and non-ASCII as they are instead of \u escapes.
    private static readonly ReviewOutputJsonContext ReadableJson = new(new JsonSerializerOptions(ReviewOutputJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Render(ReviewResult review, ReviewFormat format) =>
        format == ReviewFormat.Json ? RenderJson(review) : RenderMarkdown(review);

    public static string RenderJson(ReviewResult review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var document = new ReviewDocument(
            [.. review.Comments.Select(static c => new ReviewCommentDocument(
                c.Path, c.Line, c.StartLine, c.Side, c.Quote, c.Body, c.Kind.ToString().ToLowerInvariant(), c.Score, c.RuleId, c.Source.ToString().ToLowerInvariant(), c.Fingerprint))],
            [.. review.FileNotes.Select(static n => new FileNoteDocument(n.Path, n.Body))],
            review.Summary,
            review.Stats,
            review.Provenance);
        return JsonSerializer.Serialize(document, ReadableJson.ReviewDocument);
    }

    public static string RenderMarkdown(ReviewResult review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var text = new StringBuilder();
        text.AppendLine("# ReviewBot review").AppendLine().AppendLine(review.Summary).AppendLine();
        foreach (var comment in review.Comments)
        {
            var lines = comment.StartLine is { } start ? $"{start}-{comment.Line}" : comment.Line.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"## {comment.Path}:{lines}").AppendLine();
            text.AppendLine().AppendLine("```").AppendLine(comment.Quote.TrimEnd('\n')).AppendLine("```").AppendLine();
            text.AppendLine(comment.Body).AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"<sub>{CommentFormatter.Label(comment.Kind)} · score {comment.Score:0.###}{(comment.RuleId is null ? "" : " · " + comment.RuleId)}</sub>").AppendLine().AppendLine();
        }

        var s = review.Stats;
        text.Append(CultureInfo.InvariantCulture,
            $"---\n{s.Files} file(s), {s.Hunks} hunk(s), {s.Candidates} candidate(s) over {s.Rounds} round(s) (n={s.SamplesPerRound}, k={s.BeamWidth}, λ={s.LengthModifier:0.###}), {s.DroppedHallucinations} hallucinated quote(s) dropped, {s.ElapsedMs} ms. ");
        text.Append(CultureInfo.InvariantCulture, $"Critic {review.Provenance.Critic}, reward model {review.Provenance.RewardModel}, seed {review.Provenance.Seed}.").AppendLine();
        return text.ToString();
    }
}

internal sealed record ReviewDocument(
    IReadOnlyList<ReviewCommentDocument> Comments,
    IReadOnlyList<FileNoteDocument> FileNotes,
    string Summary,
    ReviewStats Stats,
    ReviewProvenance Provenance);

internal sealed record ReviewCommentDocument(
    string Path,
    int Line,
    int? StartLine,
    string Side,
    string Quote,
    string Body,
    string Kind,
    double Score,
    string? RuleId,
    string Source,
    string Fingerprint);

internal sealed record FileNoteDocument(string Path, string Body);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ReviewDocument))]
internal sealed partial class ReviewOutputJsonContext : JsonSerializerContext;
