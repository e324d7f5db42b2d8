using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Data;
using ReviewBot.Data.Export;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Migrations;
using ReviewBot.Data.Reviews;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// <c>reviewbot bench export</c>: seeds a temporary SQLite database with stored reviews (each with its critic input
/// snapshot) and feedback events (reactions, replies, resolutions, code changes, merges), then exports every format,
/// printing rows per second and memory: the managed heap's peak during each export and the process's peak working set.
/// </summary>
internal static class ExportBenchmark
{
    private static readonly string[] Contents = ["+1", "+1", "+1", "-1", "-1", "heart", "confused", "eyes", "rocket", "hooray", "laugh"];
    private static readonly string[] Associations = ["OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR"];
    private static readonly string[] Replies = ["Good catch, thanks!", "This is wrong, the list is never empty here.", "Fixed.", "Not a bug: by design.", "Could you explain?", "You're right, will fix."];

    public static Command CreateCommand()
    {
        var events = new Option<int>("--events") { Description = "Feedback events to seed (default 100000).", DefaultValueFactory = _ => 100_000 };
        var comments = new Option<int>("--comments") { Description = "Posted comments to seed (default 10000).", DefaultValueFactory = _ => 10_000 };
        var pulls = new Option<int>("--pull-requests") { Description = "Pull requests (one review each) to seed (default 2000).", DefaultValueFactory = _ => 2_000 };
        var command = new Command("export", "Rows per second and peak memory of the dataset export, every format, on a seeded SQLite database.") { events, comments, pulls };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(events), parse.GetValue(comments), parse.GetValue(pulls), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int eventCount, int commentCount, int pullCount, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("reviewbot-bench-export-").FullName;
        try
        {
            await using var database = new ReviewBotDatabase(Options.Create(new StorageOptions { DataDirectory = directory }));
            await new MigrationRunner(database, TimeProvider.System).MigrateAsync(cancellationToken).ConfigureAwait(false);
            var seeding = Stopwatch.StartNew();
            var stored = await SeedAsync(database, eventCount, commentCount, pullCount, cancellationToken).ConfigureAwait(false);
            seeding.Stop();
            var size = new FileInfo(Path.Combine(directory, "reviewbot.db")).Length;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"export: seeded {pullCount} pull requests, {commentCount} comments, {stored} events ({eventCount} generated, repeats of a natural key dropped) in {seeding.Elapsed.TotalSeconds:0.0} s (SQLite {size / 1048576.0:0.0} MB)"));

            var exporter = new DatasetExporter(database, new FeedbackOptions(), new BotIdentity("reviewbot[bot]"), TimeProvider.System);
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var baseline = GC.GetTotalMemory(forceFullCollection: true);
                using var sampler = new HeapSampler();
                var clock = Stopwatch.StartNew();
                var summary = await exporter.ExportAsync(
                    new DatasetExportRequest { Format = format, OutputDirectory = Path.Combine(directory, ExportFormats.Name(format)), TestFraction = 0.1, Seed = 1 },
                    null,
                    cancellationToken).ConfigureAwait(false);
                clock.Stop();
                var bytes = Directory.GetFiles(Path.Combine(directory, ExportFormats.Name(format)), "*.jsonl").Sum(static f => new FileInfo(f).Length);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {ExportFormats.Name(format),-18} {summary.Rows,7} rows ({summary.TrainRows} train / {summary.TestRows} test, {bytes / 1048576.0:0.0} MB) in {clock.Elapsed.TotalSeconds:0.00} s: " +
                    $"{summary.Rows / clock.Elapsed.TotalSeconds:0} rows/s, {summary.CommentsRead / clock.Elapsed.TotalSeconds:0} comments/s; " +
                    $"managed heap peak {(sampler.Peak - baseline) / 1048576.0:0.0} MB above a {baseline / 1048576.0:0.0} MB baseline"));
            }

            using var process = Process.GetCurrentProcess();
            var gc = GC.GetGCMemoryInfo();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  process peak working set {process.PeakWorkingSet64 / 1048576.0:0.0} MB; GC heap now {gc.HeapSizeBytes / 1048576.0:0.0} MB, committed {gc.TotalCommittedBytes / 1048576.0:0.0} MB"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    private static async Task<int> SeedAsync(ReviewBotDatabase database, int eventCount, int commentCount, int pullCount, CancellationToken cancellationToken)
    {
        var random = new Random(20260301);
        var reviews = new ReviewStore(database, TimeProvider.System);
        var store = new FeedbackStore(database, TimeProvider.System);
        var started = DateTimeOffset.UtcNow.AddDays(-30);
        var commentIds = new List<(string Repository, int Number, long Id)>(commentCount);
        var nextCommentId = 1_000_000L;
        for (var pr = 0; pr < pullCount; pr++)
        {
            var repository = $"bench/repo{pr % 40}";
            var number = pr + 1;
            var perPull = commentCount / pullCount + (pr < commentCount % pullCount ? 1 : 0);
            var ids = Enumerable.Range(0, perPull).Select(_ => nextCommentId++).ToArray();
            await AddReviewAsync(reviews, repository, number, ids, random, cancellationToken).ConfigureAwait(false);
            commentIds.AddRange(ids.Select(id => (repository, number, id)));
        }

        var batch = new List<FeedbackEvent>(5000);
        var stored = 0;
        var reactionId = 1L;
        for (var i = 0; i < eventCount; i++)
        {
            var (repository, number, id) = commentIds[random.Next(commentIds.Count)];
            var user = $"user{random.Next(300)}";
            var at = started.AddMinutes(i);
            var roll = random.NextDouble();
            batch.Add(roll switch
            {
                < 0.70 => Event($"reaction:{reactionId}:added", FeedbackEventKind.ReactionAdded, Contents[random.Next(Contents.Length)], reactionId++),
                < 0.78 => Event($"reaction:{random.NextInt64(1, reactionId)}:removed:{i}", FeedbackEventKind.ReactionRemoved, "+1", random.NextInt64(1, reactionId)),
                < 0.90 => Event($"reply:{i}:created", FeedbackEventKind.ReplyCreated, Replies[random.Next(Replies.Length)], 50_000_000L + i),
                < 0.94 => Event($"thread:{id}:{i}", FeedbackEventKind.ThreadResolved, null, null),
                < 0.98 => Event($"code:{id}:changed", FeedbackEventKind.CodeChanged, null, null),
                _ => Event($"pr:{repository}#{number}:merged", FeedbackEventKind.PullRequestMerged, null, null) with { CommentId = null },
            });
            if (batch.Count == batch.Capacity)
            {
                stored += await store.RecordAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            FeedbackEvent Event(string key, FeedbackEventKind kind, string? content, long? source) => new()
            {
                Key = key,
                Repository = repository,
                PullNumber = number,
                CommentId = id,
                Kind = kind,
                Actor = user,
                AuthorAssociation = Associations[random.Next(Associations.Length)],
                Content = content,
                SourceId = source,
                OccurredAt = at,
            };
        }

        return stored + await store.RecordAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AddReviewAsync(ReviewStore reviews, string repository, int number, long[] ids, Random random, CancellationToken cancellationToken)
    {
        var lines = Enumerable.Range(1, 60).Select(i => $"        var total{i} = items.Where(x => x.Price > {random.Next(1000)}).Sum(x => x.Count * {i});").ToList();
        var patch = new StringBuilder($"diff --git a/src/Orders/Service{number}.cs b/src/Orders/Service{number}.cs\nnew file mode 100644\n--- /dev/null\n+++ b/src/Orders/Service{number}.cs\n@@ -0,0 +1,{lines.Count} @@\n");
        lines.ForEach(l => patch.Append('+').Append(l).Append('\n'));
        var context = new ChangeContext
        {
            Diff = UnifiedDiffParser.Parse(patch.ToString()).GetDiffOrThrow(),
            PullRequest = new PullRequestInfo { Repository = repository, Number = number, HeadSha = $"{number:x40}", Title = $"Order totals, part {number}", Body = "Computes totals per price band.\n\nFixes the rounding of large orders." },
        };
        var highlights = ids.Select((_, i) => new Highlight
        {
            Path = $"src/Orders/Service{number}.cs",
            StartLine = (i * 7 % 60) + 1,
            EndLine = (i * 7 % 60) + 1,
            Quote = lines[i * 7 % 60].Trim(),
            Comment = "Enumerating `items` once per total walks the list 60 times; group once and sum per band.",
            Kind = FindingKind.Performance,
        }).ToList();
        var comments = highlights.Select(h => new ReviewComment
        {
            Path = h.Path,
            Line = h.EndLine,
            Quote = h.Quote,
            Body = CommentFormatter.Format(h),
            Kind = h.Kind,
            Score = 0.4,
            Fingerprint = CommentFingerprint.Compute(h) + h.StartLine.ToString(CultureInfo.InvariantCulture),
            Highlight = h,
        }).ToList();
        var target = new ReviewTarget { Repository = repository, PullNumber = number, HeadSha = $"{number:x40}", RunId = $"bench-{number}" };
        var run = await reviews.StartRunAsync(target, "{}", cancellationToken).ConfigureAwait(false);
        await reviews.CompleteRunAsync(
            run,
            new ReviewResult
            {
                Comments = comments,
                Summary = "",
                Stats = new ReviewStats(),
                Provenance = new ReviewProvenance { Critic = "offline", RewardModel = "heuristic:v1", Seed = 1, SearchMode = SearchMode.Fsbs, Input = CriticInput.Capture(context, [], 24_000) },
                Candidates = [new ScoredCandidate(new Critique { Highlights = [.. highlights] }, 0.4, 1, null)],
            },
            new PublishOutcome { Status = PublishStatus.Posted, Comments = [.. comments.Select((c, i) => new PostedComment(ids[i], c.Path, c.Line, null, c.Fingerprint, c.Body))] },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Samples the managed heap every 20 ms and keeps the largest value seen.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak = GC.GetTotalMemory(false);

        public HeapSampler() => _timer = new Timer(_ => Observe(), null, 0, 20);

        public long Peak
        {
            get
            {
                Observe();
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Observe()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }
}
