using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReviewBot.Charts;

namespace ReviewBot.Cli.Eval;

/// <summary>Prints an <see cref="EvalReport"/> as markdown tables or JSON, and draws its sweep.</summary>
internal static class EvalReportWriter
{
    private static readonly EvalJsonContext Json = new(new JsonSerializerOptions(EvalJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Render(EvalReport report, ReviewFormat format) =>
        format == ReviewFormat.Json ? JsonSerializer.Serialize(report, Json.EvalReport) + "\n" : Markdown(report);

    public static string Markdown(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# ReviewBot evaluation: inserted bugs").AppendLine();
        text.AppendLine(c, $"Source `{report.Source}`, seed {report.Seed}; critic {report.Critic}, reward model {report.RewardModel}, setting {report.Setting}{(report.JudgePrompt is null ? "" : $", judge {report.JudgePrompt}")}.");
        var g = report.Generation;
        text.AppendLine(c, $"{g.Tampers} tampers and {g.Controls} controls from {g.Files} files ({g.RejectedByCompiler} rewrites rejected by the compiler).").AppendLine();

        text.AppendLine("| | value |").AppendLine("|---|---|");
        var o = report.Overall;
        text.AppendLine(c, $"| CBI (a comment on the bug's lines) | {Percent(o.Cbi)} ({Count(o.Cbi, o.Tampers)}/{o.Tampers}) |");
        if (o.JudgedCbi is { } judged)
        {
            text.AppendLine(c, $"| CBI judged by the LLM (the comment explains the bug) | {Percent(judged)} |");
        }

        text.AppendLine(c, $"| bug among the critic's candidates (before ranking) | {Percent(o.CandidateCbi)} |");
        text.AppendLine(c, $"| hallucination rate (reviews with a comment off the bug) | {Percent(o.HallucinationRate)} (tampers {Percent(o.TamperHallucinationRate)}, controls {Percent(o.ControlHallucinationRate)}) |");
        text.AppendLine(c, $"| silence rate on controls | {Percent(o.SilenceRate)} |");
        text.AppendLine(c, $"| comments per review | {o.CommentsPerReview:0.00} |");
        text.AppendLine(c, $"| reward model agrees with the cold-start pairs | {Percent(report.RewardModelPairs.Accuracy)} of {report.RewardModelPairs.Pairs} |").AppendLine();

        text.AppendLine("## By kind of bug").AppendLine();
        text.AppendLine("| kind | tampers | CBI | candidates | hallucination | comments/review |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in report.ByKind)
        {
            var s = row.Summary;
            text.AppendLine(c, $"| {row.Kind} | {s.Tampers} | {Percent(s.Cbi)} | {Percent(s.CandidateCbi)} | {Percent(s.HallucinationRate)} | {s.CommentsPerReview:0.00} |");
        }

        if (report.Sweep.Count > 0)
        {
            text.AppendLine().AppendLine("## Sweep: CBI against hallucinations").AppendLine();
            text.AppendLine("| search | setting | CBI | hallucination | silence on controls | comments/review |").AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var row in report.Sweep)
            {
                var s = row.Summary;
                text.AppendLine(c, $"| {row.Mode} | {row.Setting} | {Percent(s.Cbi)} | {Percent(s.HallucinationRate)} | {Percent(s.SilenceRate)} | {s.CommentsPerReview:0.00} |");
            }
        }

        var t = report.Timing;
        text.AppendLine().AppendLine(c, $"Wall clock: {Seconds(t.TotalMs)} ({Seconds(t.GenerationMs)} generating, {Seconds(t.ReviewMs)} reviewing {t.Reviews} changes in {t.PipelineRuns} pipeline runs, {t.Parallelism} at a time; {t.MsPerCase:0} ms per change); processor time {Seconds(t.CpuMs)}.");
        return text.ToString();
    }

    /// <summary>CBI (y) against hallucination rate (x): one line per search mode and way of setting λ.</summary>
    public static string Chart(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var series = report.Sweep
            .GroupBy(static r => (r.Mode, ByPercentile: r.Percentile is not null))
            .Select(static group => new ChartSeries(
                $"{(group.Key.Mode == "fsbs" ? "FSBS" : "best-of-N")}, {(group.Key.ByPercentile ? "target percentile" : "λ")}",
                [.. group.Select(static r => new ChartPoint(r.Summary.HallucinationRate, r.Summary.Cbi, r.Setting))]))
            .ToList();
        return SvgChartWriter.Write(new LineChart
        {
            Title = $"CBI against hallucinations ({report.Critic} critic, {report.RewardModel})",
            XLabel = "hallucination rate (reviews with a comment off the bug)",
            YLabel = "CBI (inserted bugs caught)",
            Series = series,
            XMin = 0,
            XMax = Math.Min(1, Math.Max(0.1, report.Sweep.Select(static r => r.Summary.HallucinationRate).DefaultIfEmpty().Max() * 1.05)),
            YMin = 0,
            YMax = Math.Min(1, Math.Max(0.1, report.Sweep.Select(static r => r.Summary.Cbi).DefaultIfEmpty().Max() * 1.05)),
            TickFormat = "0%",
        });
    }

    internal static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static int Count(double share, int of) => (int)Math.Round(share * of);

    private static string Seconds(long ms) => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.0} s");
}
