using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Git;
using Spectre.Console;

namespace ReviewBot.Cli.Eval;

/// <summary>What <c>reviewbot eval commits</c> was asked to do.</summary>
internal sealed record CommitsEvalRequest
{
    public required DirectoryInfo Repo { get; init; }

    /// <summary>A revision range, e.g. <c>v1.0..main</c>.</summary>
    public required string Revs { get; init; }

    public int Max { get; init; } = 200;

    public EvalCritic Critic { get; init; } = EvalCritic.Offline;

    public string RewardModel { get; init; } = "default";

    public ReviewFormat Format { get; init; } = ReviewFormat.Markdown;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>The report of <c>reviewbot eval commits</c>.</summary>
internal sealed record CommitsReport(
    string Range,
    string Critic,
    string RewardModel,
    int Commits,
    int FixCommits,
    int FixesFlagged,
    double FlaggedRate,
    double CommentsPerFix,
    int OtherCommits,
    double CommentsPerOtherCommit,
    int Skipped,
    long ElapsedMs,
    IReadOnlyList<CommitRow> Rows);

/// <summary>One commit: a fix reviewed in reverse (was what the fix touched flagged?) or another commit reviewed as is.</summary>
internal sealed record CommitRow(string Sha, string Subject, string Kind, int Files, int Comments, bool? Flagged, IReadOnlyList<string> FixLines, IReadOnlyList<string> CommentedLines, string? Skipped);

/// <summary>
/// <c>reviewbot eval commits</c>: reviews a repository's real history. A bug fix (by its message) is reviewed in
/// reverse, from the fixed code to the buggy one, so the critic sees the bug arrive; it counts as flagged when a posted
/// comment overlaps a line the fix changed (or, when the fix only added lines, the lines around where they go). Other
/// commits are reviewed as they are, to measure how much ReviewBot says on ordinary changes.
/// </summary>
internal static class CommitEvaluation
{
    private static readonly EvalJsonContext Json = new(new JsonSerializerOptions(EvalJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static async Task<int> RunAsync(CommitsEvalRequest request, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var repository = new LocalGitRepository(request.Repo.FullName);
        if (!LocalGitRepository.IsRepository(repository.Directory))
        {
            await stderr.WriteLineAsync($"reviewbot eval commits: '{request.Repo.FullName}' is not a git repository").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<GitCommit> commits;
        try
        {
            commits = await GitHistory.ListAsync(repository, request.Revs, request.Max, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GitCommandException or ArgumentException)
        {
            await stderr.WriteLineAsync($"reviewbot eval commits: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var (environment, error) = EvalEnvironment.Create(configuration, request.Critic, request.RewardModel, judge: false);
        if (environment is null)
        {
            await stderr.WriteLineAsync($"reviewbot eval commits: {error}").ConfigureAwait(false);
            return 2;
        }

        await using var _ = environment.ConfigureAwait(false);
        var pipeline = new ReviewPipeline(environment.Critic, environment.RewardModel, Options.Create(environment.Ranking), TimeProvider.System);
        var rows = new CommitRow[commits.Count];
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"reviewing {commits.Count} commits", maxValue: Math.Max(1, commits.Count));
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, commits.Count), options, async (i, token) =>
            {
                rows[i] = await ReviewAsync(repository, pipeline, commits[i], token).ConfigureAwait(false);
                task.Increment(1);
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var reviewed = rows.Where(static r => r.Skipped is null).ToList();
        var fixes = reviewed.Where(static r => r.Kind == "fix").ToList();
        var others = reviewed.Where(static r => r.Kind != "fix").ToList();
        var report = new CommitsReport(
            request.Revs,
            environment.Critic.Name,
            environment.RewardModel.Version,
            rows.Length,
            fixes.Count,
            fixes.Count(static r => r.Flagged == true),
            fixes.Count == 0 ? 0 : fixes.Count(static r => r.Flagged == true) / (double)fixes.Count,
            fixes.Count == 0 ? 0 : fixes.Average(static r => r.Comments),
            others.Count,
            others.Count == 0 ? 0 : others.Average(static r => r.Comments),
            rows.Length - reviewed.Count,
            clock.ElapsedMilliseconds,
            rows);
        await stdout.WriteAsync(request.Format == ReviewFormat.Json ? JsonSerializer.Serialize(report, Json.CommitsReport) + "\n" : Markdown(report)).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<CommitRow> ReviewAsync(LocalGitRepository repository, ReviewPipeline pipeline, GitCommit commit, CancellationToken cancellationToken)
    {
        var isFix = BugFixHeuristic.IsFix(commit.Subject, commit.Body);
        var kind = isFix ? "fix" : "other";
        if (commit.IsMerge || commit.IsRoot)
        {
            return new CommitRow(commit.ShortSha, commit.Subject, kind, 0, 0, null, [], [], commit.IsMerge ? "merge commit" : "root commit");
        }

        var parent = commit.Parents[0];
        var (from, to) = isFix ? (commit.Sha, parent) : (parent, commit.Sha);
        var parsed = UnifiedDiffParser.Parse(await repository.DiffAsync(from, to, cancellationToken).ConfigureAwait(false));
        if (parsed.Diff is not { Files.Count: > 0 } diff)
        {
            return new CommitRow(commit.ShortSha, commit.Subject, kind, 0, 0, null, [], [], parsed.Diff is null ? $"diff not readable ({parsed.Error})" : "empty diff");
        }

        var review = await pipeline.RunAsync(new ChangeContext { Diff = diff, Files = repository.FilesAt(from, to) }, cancellationToken).ConfigureAwait(false);
        var fixLines = isFix ? FixLines(diff) : [];
        bool? flagged = isFix ? review.Comments.Any(c => fixLines.Contains((c.Path, c.Line)) || Enumerable.Range(c.StartLine ?? c.Line, c.Line - (c.StartLine ?? c.Line) + 1).Any(l => fixLines.Contains((c.Path, l)))) : null;
        return new CommitRow(
            commit.ShortSha,
            commit.Subject,
            kind,
            diff.Files.Count,
            review.Comments.Count,
            flagged,
            [.. fixLines.OrderBy(static l => l.Path, StringComparer.Ordinal).ThenBy(static l => l.Line).Select(static l => string.Create(CultureInfo.InvariantCulture, $"{l.Path}:{l.Line}"))],
            [.. review.Comments.Select(static c => string.Create(CultureInfo.InvariantCulture, $"{c.Path}:{c.StartLine ?? c.Line}-{c.Line}"))],
            null);
    }

    /// <summary>
    /// In the reversed fix: the lines it adds back (what the fix removed or changed), and around each run of lines it
    /// deletes without adding any (what the fix only added, such as a new guard), the lines just before and after.
    /// </summary>
    internal static HashSet<(string Path, int Line)> FixLines(UnifiedDiff reversed)
    {
        ArgumentNullException.ThrowIfNull(reversed);
        var lines = new HashSet<(string, int)>();
        foreach (var file in reversed.Files)
        {
            foreach (var hunk in file.Hunks)
            {
                var hunkLines = hunk.Lines;
                for (var i = 0; i < hunkLines.Count; i++)
                {
                    if (hunkLines[i].Kind == DiffLineKind.Added)
                    {
                        lines.Add((file.Path, hunkLines[i].NewLine));
                        continue;
                    }

                    if (hunkLines[i].Kind != DiffLineKind.Deleted || (i > 0 && hunkLines[i - 1].Kind == DiffLineKind.Deleted))
                    {
                        continue;
                    }

                    var end = i;
                    while (end + 1 < hunkLines.Count && hunkLines[end + 1].Kind == DiffLineKind.Deleted)
                    {
                        end++;
                    }

                    var addsBack = (i > 0 && hunkLines[i - 1].Kind == DiffLineKind.Added) || (end + 1 < hunkLines.Count && hunkLines[end + 1].Kind == DiffLineKind.Added);
                    if (!addsBack)
                    {
                        if (i > 0)
                        {
                            lines.Add((file.Path, hunkLines[i - 1].NewLine));
                        }

                        if (end + 1 < hunkLines.Count)
                        {
                            lines.Add((file.Path, hunkLines[end + 1].NewLine));
                        }
                    }
                }
            }
        }

        return lines;
    }

    private static string Markdown(CommitsReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# ReviewBot evaluation: historical commits").AppendLine();
        text.AppendLine(c, $"Range `{report.Range}`: {report.Commits} commit(s), critic {report.Critic}, reward model {report.RewardModel}.").AppendLine();
        text.AppendLine("| | value |").AppendLine("|---|---|");
        text.AppendLine(c, $"| bug fixes (reviewed in reverse) | {report.FixCommits} |");
        text.AppendLine(c, $"| fixes whose lines were flagged | {report.FixesFlagged} ({EvalReportWriter.Percent(report.FlaggedRate)}) |");
        text.AppendLine(c, $"| comments per reversed fix | {report.CommentsPerFix:0.00} |");
        text.AppendLine(c, $"| other commits | {report.OtherCommits} |");
        text.AppendLine(c, $"| comments per other commit | {report.CommentsPerOtherCommit:0.00} |");
        text.AppendLine(c, $"| skipped (merges, root, empty) | {report.Skipped} |").AppendLine();
        text.AppendLine("| commit | kind | files | comments | flagged | subject |").AppendLine("|---|---|---:|---:|---|---|");
        foreach (var row in report.Rows)
        {
            var flagged = row.Skipped is not null ? "skipped: " + row.Skipped : row.Flagged switch { true => "yes", false => "no", _ => "" };
            text.AppendLine(c, $"| {row.Sha} | {row.Kind} | {row.Files} | {row.Comments} | {flagged} | {row.Subject.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine().AppendLine(c, $"Wall clock: {report.ElapsedMs / 1000.0:0.0} s.");
        return text.ToString();
    }
}
