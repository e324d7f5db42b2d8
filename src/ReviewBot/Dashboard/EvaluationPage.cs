using System.Globalization;
using ReviewBot.Charts;
using ReviewBot.Cli.Eval;
using ReviewBot.Core.Evaluation;

namespace ReviewBot.Dashboard;

/// <summary>
/// <c>/dashboard/evaluation</c>: the newest <c>reviewbot eval tamper</c> report: its headline figures, by kind of
/// inserted bug, and with <c>--sweep</c> the λ curve (CBI and hallucination rate against λ, FSBS and best-of-N) and
/// the evaluation's own CBI-against-hallucinations chart.
/// </summary>
internal static class EvaluationPage
{
    /// <summary>Okabe–Ito pairs: FSBS in blues, best-of-N in oranges; CBI dark, hallucinations light.</summary>
    private static readonly IReadOnlyList<string> LambdaPalette = ["#0072B2", "#56B4E9", "#D55E00", "#E69F00"];

    public static string Render(LatestEvaluation latest, string directory, DateTimeOffset now) =>
        DashboardLayout.Page("Evaluation", DashboardPage.Evaluation, html =>
        {
            html.Element("h1", "Evaluation");
            html.Element("p", "The newest report of reviewbot eval tamper: bugs inserted into real code, reviewed with the full pipeline.", ("class", "lead"));
            if (latest.Report is not { } report)
            {
                html.Open("section", ("class", "panel"));
                if (latest.Problem is { } problem)
                {
                    html.Element("div", $"The newest report ({latest.Path}) could not be shown: {problem}", ("class", "notice"));
                }

                DashboardLayout.Empty(html, "No evaluation report yet", $"Run reviewbot eval tamper --source DIR --sweep --out {directory}/<name> and it shows up here.");
                html.Close("section");
                return;
            }

            html.Open("p", ("class", "muted"))
                .Text($"Source {report.Source} · seed {report.Seed} · critic {report.Critic} · reward model {report.RewardModel} · setting {report.Setting} · written {DashboardLayout.Time(latest.WrittenAt)} UTC")
                .Close("p");
            var o = report.Overall;
            html.Open("div", ("class", "cards"));
            DashboardLayout.Card(html, "CBI", Percent(o.Cbi), $"inserted bugs caught, of {o.Tampers}");
            DashboardLayout.Card(html, "Candidates CBI", Percent(o.CandidateCbi), "among candidates, before ranking");
            DashboardLayout.Card(html, "Hallucination rate", Percent(o.HallucinationRate), "reviews with a comment off the bug");
            DashboardLayout.Card(html, "Silence on controls", Percent(o.SilenceRate), $"{o.Controls} untampered controls");
            DashboardLayout.Card(html, "Comments per review", o.CommentsPerReview.ToString("0.00", CultureInfo.InvariantCulture), o.JudgedCbi is { } judged ? $"judged CBI {Percent(judged)}" : null);
            html.Close("div");

            var lambdaRows = report.Sweep.Where(static r => r.Percentile is null).ToList();
            if (lambdaRows.Count > 0)
            {
                html.Open("section", ("class", "panel"), ("id", "lambda"));
                DashboardLayout.PanelHeader(html, "λ curve", "CBI and hallucination rate against λ: larger λ keeps more highlights, so CBI rises, and so do hallucinations.");
                FeedbackPage.Figure(html, SvgChartWriter.Write(LambdaChart(lambdaRows)), "Each point is one λ of the sweep; solid blue and vermillion are CBI, their lighter partners hallucinations.");
                html.Close("section");
                html.Open("section", ("class", "panel"), ("id", "tradeoff"));
                DashboardLayout.PanelHeader(html, "CBI against hallucinations", "The precision–recall trade-off, as reviewbot eval draws it; points are labelled with their setting.");
                FeedbackPage.Figure(html, EvalReportWriter.Chart(report), "Up and to the left is better.");
                html.Close("section");
            }

            html.Open("section", ("class", "panel"), ("id", "kinds"));
            DashboardLayout.PanelHeader(html, "By kind of bug");
            SummaryTable(html, "kind", report.ByKind.Select(static k => (k.Kind, (string?)null, k.Summary)));
            html.Close("section");

            if (report.Sweep.Count > 0)
            {
                html.Open("section", ("class", "panel"), ("id", "sweep"));
                DashboardLayout.PanelHeader(html, "Sweep", "Every setting measured, FSBS and best-of-N.");
                SummaryTable(html, "setting", report.Sweep.Select(static r => (r.Setting, (string?)(r.Mode == "fsbs" ? "FSBS" : "best-of-N"), r.Summary)));
                html.Close("section");
            }
        }, now);

    internal static LineChart LambdaChart(IReadOnlyList<SweepRow> rows)
    {
        var series = new List<ChartSeries>();
        foreach (var mode in rows.GroupBy(static r => r.Mode).OrderBy(static g => g.Key == "fsbs" ? 0 : 1))
        {
            var name = mode.Key == "fsbs" ? "FSBS" : "best-of-N";
            var ordered = mode.OrderBy(static r => r.LengthModifier).ToList();
            series.Add(new ChartSeries($"{name} CBI", [.. ordered.Select(static r => new ChartPoint(r.LengthModifier, r.Summary.Cbi))]));
            series.Add(new ChartSeries($"{name} hallucination", [.. ordered.Select(static r => new ChartPoint(r.LengthModifier, r.Summary.HallucinationRate))]));
        }

        return new LineChart
        {
            Title = "CBI and hallucination rate against λ",
            XLabel = "λ (length modifier)",
            YLabel = "share of reviews",
            Series = series,
            YMin = 0,
            YMax = 1,
            TickFormat = "0%",
            XTickFormat = "0.##",
            Palette = LambdaPalette,
            ShowTitle = false,
            LegendWidth = 220,
            Width = FeedbackPage.WideWidth,
            Height = 400,
        };
    }

    private static void SummaryTable(Html html, string first, IEnumerable<(string Name, string? Mode, EvalSummary Summary)> rows)
    {
        var list = rows.ToList();
        var withMode = list.Any(static r => r.Mode is not null);
        html.Open("table").Open("thead").Open("tr");
        if (withMode)
        {
            html.Element("th", "search", ("scope", "col"));
        }

        html.Element("th", first, ("scope", "col"))
            .Element("th", "tampers", ("scope", "col"), ("class", "num")).Element("th", "CBI", ("scope", "col"), ("class", "num"))
            .Element("th", "candidates", ("scope", "col"), ("class", "num")).Element("th", "hallucination", ("scope", "col"), ("class", "num"))
            .Element("th", "silence", ("scope", "col"), ("class", "num")).Element("th", "comments/review", ("scope", "col"), ("class", "num"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (var (name, mode, s) in list)
        {
            html.Open("tr");
            if (withMode)
            {
                html.Element("td", mode);
            }

            html.Element("td", name, ("class", "mono"))
                .Element("td", s.Tampers.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", Percent(s.Cbi), ("class", "num"))
                .Element("td", Percent(s.CandidateCbi), ("class", "num"))
                .Element("td", Percent(s.HallucinationRate), ("class", "num"))
                .Element("td", Percent(s.SilenceRate), ("class", "num"))
                .Element("td", s.CommentsPerReview.ToString("0.00", CultureInfo.InvariantCulture), ("class", "num"))
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
