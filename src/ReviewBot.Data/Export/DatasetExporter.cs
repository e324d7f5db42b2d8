using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Text;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Data.Export;

/// <summary>
/// <c>reviewbot export</c>: streams pull requests from the store, labels each posted comment by the rules, forms
/// pairs within each review, and writes <c>train.jsonl</c> and <c>test.jsonl</c> (split by pull request) plus a
/// dataset card. One pull request is in memory at a time; rows are written through a <see cref="Utf8JsonWriter"/>
/// straight to the files, in a deterministic order (repository, pull request, review, comment ids).
/// </summary>
public sealed class DatasetExporter(ReviewBotDatabase database, FeedbackOptions feedback, BotIdentity bots, TimeProvider timeProvider)
{
    public const string TrainFile = "train.jsonl";
    public const string TestFile = "test.jsonl";
    public const string CardFile = "README.md";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public async Task<ExportSummary> ExportAsync(DatasetExportRequest request, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TestFraction is < 0 or > 1 || !double.IsFinite(request.TestFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.TestFraction, "The test fraction must lie in [0, 1].");
        }

        Directory.CreateDirectory(request.OutputDirectory);
        var summary = new ExportSummary { Request = request, ExportedAt = timeProvider.GetUtcNow(), Redactions = new ExportRedactor() };
        var excluded = new HashSet<string>(request.ExcludedRepositories, StringComparer.OrdinalIgnoreCase);
        var labeler = new FeedbackLabeler(feedback, bots);
        var reader = new FeedbackExportReader(database);
        var total = await reader.CountPullRequestsAsync(request.Since, request.Repository, cancellationToken).ConfigureAwait(false);
        await using var train = new RowFile(Path.Combine(request.OutputDirectory, TrainFile));
        await using var test = new RowFile(Path.Combine(request.OutputDirectory, TestFile));
        await using var prompts = new ReviewPrompts(database, summary.Redactions);
        await foreach (var group in reader.ReadAsync(request.Since, request.Repository, cancellationToken).ConfigureAwait(false))
        {
            summary.PullRequestsRead++;
            if (excluded.Contains(group.Repository))
            {
                summary.ExcludedPullRequests++;
            }
            else
            {
                var isTest = DatasetSplit.IsTest(group.Repository, group.Number, request.Seed, request.TestFraction);
                var file = isTest ? test : train;
                var before = file.Rows;
                await WriteGroupAsync(group, request.Format, labeler, prompts, file, summary, cancellationToken).ConfigureAwait(false);
                if (file.Rows > before)
                {
                    _ = isTest ? summary.TestPullRequests++ : summary.TrainPullRequests++;
                }
            }

            progress?.Report(new ExportProgress(summary.PullRequestsRead, total, train.Rows + test.Rows));
        }

        summary.TrainRows = train.Rows;
        summary.TestRows = test.Rows;
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, CardFile), DatasetCard.Write(summary, feedback), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static async Task WriteGroupAsync(
        PullRequestGroup group, ExportFormat format, FeedbackLabeler labeler, ReviewPrompts prompts, RowFile file, ExportSummary summary, CancellationToken cancellationToken)
    {
        var byComment = group.Events.Where(static e => e.CommentId is not null).ToLookup(static e => e.CommentId!.Value);
        foreach (var review in group.Comments.GroupBy(static c => c.ReviewId))
        {
            var comments = review.ToList();
            var verdicts = comments.Select(c => labeler.Label(new CommentHistory(c.CommentId, [.. byComment[c.CommentId]]), group.Fate)).ToList();
            summary.CommentsRead += comments.Count;
            foreach (var verdict in verdicts)
            {
                var name = verdict.Label.ToString().ToLowerInvariant();
                summary.Labels[name] = summary.Labels.GetValueOrDefault(name) + 1;
            }

            if (verdicts.TrueForAll(static v => v.Rank < 0))
            {
                continue;
            }

            var prompt = await prompts.GetAsync(comments[0], cancellationToken).ConfigureAwait(false);
            if (prompt is null)
            {
                summary.CommentsWithoutInput += comments.Count;
                continue;
            }

            Provenance(summary, comments[0], prompt);
            var highlights = comments.ToDictionary(static c => c.CommentId, c => summary.Redactions.Redact(c.Highlight));
            if (format == ExportFormat.TrlKto)
            {
                foreach (var verdict in verdicts.Where(static v => v.Label is FeedbackLabel.Positive or FeedbackLabel.Negative))
                {
                    file.Write(new TrlKtoRow(prompt.Messages, [Assistant(highlights[verdict.CommentId])], verdict.Label == FeedbackLabel.Positive), ExportJsonContext.Default.TrlKtoRow);
                }

                continue;
            }

            foreach (var pair in labeler.Pair(verdicts))
            {
                var (chosen, rejected) = (highlights[pair.Chosen.CommentId], highlights[pair.Rejected.CommentId]);
                switch (format)
                {
                    case ExportFormat.TrlPreference:
                        file.Write(new TrlPreferenceRow(prompt.Messages, [Assistant(chosen)], [Assistant(rejected)]), ExportJsonContext.Default.TrlPreferenceRow);
                        break;
                    case ExportFormat.OpenAiPreference:
                        file.Write(new OpenAiPreferenceRow(new OpenAiInput(prompt.Messages), [Assistant(chosen)], [Assistant(rejected)]), ExportJsonContext.Default.OpenAiPreferenceRow);
                        break;
                    default:
                        file.WriteLine(RewardPairsFile.Format(new RewardPair
                        {
                            Id = $"{group.Repository}#{group.Number}/{review.Key}/{pair.Chosen.CommentId}>{pair.Rejected.CommentId}",
                            Group = $"{group.Repository}#{group.Number}",
                            Source = RewardPairSource.Feedback,
                            Weight = pair.Weight,
                            Diff = prompt.Diff,
                            Chosen = RewardPairCritique.From(One(chosen)),
                            Rejected = RewardPairCritique.From(One(rejected)),
                        }));
                        break;
                }
            }
        }
    }

    private static void Provenance(ExportSummary summary, ExportComment comment, ExportPrompt prompt)
    {
        summary.PromptVersions.Add(prompt.PromptVersion);
        Add(summary.RewardModels, comment.RewardModel);
        Add(summary.Critics, comment.Critic);
        Add(summary.ReviewBotVersions, comment.AppVersion);

        static void Add(SortedSet<string> set, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                set.Add(value);
            }
        }
    }

    private static Critique One(Highlight highlight) => new() { Highlights = [highlight] };

    /// <summary>The completion: the exact critique text of a one-highlight critique, as a chat model answers it.</summary>
    private static ChatTurn Assistant(Highlight highlight) => new("assistant", CritiqueTextWriter.Write(One(highlight)).TrimEnd('\n'));

    /// <summary>One JSONL file written row by row; nothing but the writer's buffer is held in memory.</summary>
    private sealed class RowFile : IAsyncDisposable
    {
        private readonly FileStream _stream;
        private readonly Utf8JsonWriter _writer;

        public RowFile(string path)
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            _writer = new Utf8JsonWriter(_stream, WriterOptions);
        }

        public long Rows { get; private set; }

        public void Write<T>(T row, JsonTypeInfo<T> type)
        {
            JsonSerializer.Serialize(_writer, row, type);
            _writer.Flush();
            _writer.Reset();
            _stream.WriteByte((byte)'\n');
            Rows++;
        }

        public void WriteLine(string line)
        {
            _stream.Write(Encoding.UTF8.GetBytes(line));
            _stream.WriteByte((byte)'\n');
            Rows++;
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
