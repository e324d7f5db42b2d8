using System.Text.Json;
using ReviewBot.Cli.Eval;

namespace ReviewBot.Dashboard;

/// <summary>The newest evaluation report found, where it is, and when it was written; or why none could be read.</summary>
internal sealed record LatestEvaluation(EvalReport? Report, string? Path, DateTimeOffset? WrittenAt, string? Problem);

/// <summary>Finds the newest <c>report.json</c> of <c>reviewbot eval tamper --out</c> under the evaluation directory.</summary>
internal static class EvaluationReports
{
    public const string FileName = "report.json";

    public static async Task<LatestEvaluation> LatestAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return new LatestEvaluation(null, null, null, null);
        }

        var newest = new DirectoryInfo(directory)
            .EnumerateFiles(FileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true })
            .OrderByDescending(static f => f.LastWriteTimeUtc)
            .FirstOrDefault();
        if (newest is null)
        {
            return new LatestEvaluation(null, null, null, null);
        }

        try
        {
            await using var stream = newest.OpenRead();
            var report = await JsonSerializer.DeserializeAsync(stream, EvalJsonContext.Default.EvalReport, cancellationToken).ConfigureAwait(false);
            return new LatestEvaluation(report, newest.FullName, newest.LastWriteTimeUtc, report is null ? "the file is empty" : null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return new LatestEvaluation(null, newest.FullName, newest.LastWriteTimeUtc, $"it could not be read: {ex.Message}");
        }
    }
}
