using System.Globalization;
using ReviewBot.Charts;
using ReviewBot.Data.Dashboard;
using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Dashboard;

/// <summary>
/// <c>/dashboard/feedback</c>: how maintainers received ReviewBot's comments. Thumbs-up share per repository and week;
/// acceptance (share of decided comments labelled positive) per finding kind; and calibration: the reward model's
/// score, in buckets of equal size, against the share of those comments that people received well.
/// </summary>
internal static class FeedbackPage
{
    /// <summary>Okabe–Ito colours: told apart with every common colour-vision deficiency.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

    /// <summary>Chart widths that fit a full-width and a half-width panel without scaling the text.</summary>
    public const int WideWidth = 1140;
    public const int HalfWidth = 540;

    public const int MaxRepositories = 6;
    public const int CalibrationBuckets = 5;

    private static readonly string[] Kinds = ["Bug", "Security", "Performance", "Maintainability", "Style"];

    public static string Render(IReadOnlyList<ReactionWeek> weeks, IReadOnlyList<LabelledComment> labelled, int days, DateTimeOffset now) =>
        DashboardLayout.Page("Feedback", DashboardPage.Feedback, html =>
        {
            html.Element("h1", "Feedback");
            html.Element("p", $"How maintainers received ReviewBot's comments over the last {days} days. Labels follow the dataset export's rules: reactions and replies weighted by who gave them, resolved threads and changed code; bots never count.", ("class", "lead"));

            html.Open("section", ("class", "panel"), ("id", "thumbs"));
            DashboardLayout.PanelHeader(html, "Thumbs-up share per week", "Share of thumbs up among thumbs up and down on ReviewBot's comments, by the week the reaction was given.");
            if (weeks.Count == 0)
            {
                DashboardLayout.Empty(html, "No thumbs up or down yet", "Reactions on ReviewBot's comments appear here once the feedback poller has seen them.");
            }
            else
            {
                Figure(html, SvgChartWriter.Write(ThumbsChart(weeks, now)), "One line per repository (the most reacted-to six); hover a point for its figures.");
                ThumbsTable(html, weeks);
            }

            html.Close("section");

            var decided = labelled.Where(static c => c.IsDecided).ToList();
            html.Open("div", ("class", "grid2"));
            html.Open("section", ("class", "panel"), ("id", "acceptance"));
            DashboardLayout.PanelHeader(html, "Acceptance per finding kind", $"{decided.Count} of {labelled.Count} comments have a label.");
            if (decided.Count == 0)
            {
                DashboardLayout.Empty(html, "No labelled comments yet", "A comment gets a label once people react or reply, or when its pull request closes.");
            }
            else
            {
                Figure(html, SvgBarChartWriter.Write(AcceptanceChart(decided)), "Share of labelled comments of each kind that were received well (n = labelled comments).");
            }

            html.Close("section");
            html.Open("section", ("class", "panel"), ("id", "calibration"));
            DashboardLayout.PanelHeader(html, "Reward model against feedback", "Does a higher score mean a better-received comment?");
            if (decided.Count < 2)
            {
                DashboardLayout.Empty(html, "Not enough labelled comments", "Calibration needs at least two labelled comments.");
            }
            else
            {
                Figure(html, SvgChartWriter.Write(CalibrationChart(decided)), $"Labelled comments in up to {CalibrationBuckets} buckets of equal size by score; each point is a bucket's mean score and its share received well.");
            }

            html.Close("section");
            html.Close("div");
        }, now);

    internal static LineChart ThumbsChart(IReadOnlyList<ReactionWeek> weeks, DateTimeOffset now)
    {
        var first = weeks.Min(static w => w.WeekStart);
        var last = DashboardQueries.WeekStart(now);
        double X(DateOnly week) => (week.DayNumber - first.DayNumber) / 7.0;
        var repositories = weeks.GroupBy(static w => w.Repository)
            .OrderByDescending(static g => g.Sum(static w => w.Up + w.Down)).ThenBy(static g => g.Key, StringComparer.Ordinal)
            .Take(MaxRepositories)
            .Select(g => new ChartSeries(g.Key, [.. g.OrderBy(static w => w.WeekStart).Select(w => new ChartPoint(X(w.WeekStart), w.ShareUp))]))
            .ToList();
        var span = Math.Max(1, (int)X(last));
        var step = Math.Max(1, (int)Math.Ceiling(span / 8.0));
        var ticks = Enumerable.Range(0, (span / step) + 1)
            .Select(i => new AxisTick(i * step, first.AddDays(i * step * 7).ToString("MMM d", CultureInfo.InvariantCulture)))
            .ToList();
        return new LineChart
        {
            Title = "Thumbs-up share per week",
            XLabel = "week starting (UTC)",
            YLabel = "thumbs up / (up + down)",
            Series = repositories,
            XMin = 0,
            XMax = Math.Max(1, X(last)),
            YMin = 0,
            YMax = 1,
            TickFormat = "0%",
            XTicks = ticks,
            Palette = Palette,
            ShowTitle = false,
            Width = WideWidth,
            Height = 380,
        };
    }

    internal static BarChart AcceptanceChart(IReadOnlyList<LabelledComment> decided) => new()
    {
        Title = "Acceptance per finding kind",
        YLabel = "received well",
        Bars = [.. Kinds.Select(kind => decided.Where(c => string.Equals(c.Kind, kind, StringComparison.OrdinalIgnoreCase)).ToList())
            .Select((group, i) => (Kind: Kinds[i], Group: group))
            .Where(static k => k.Group.Count > 0)
            .Select(static k => new ChartBar(k.Kind.ToLowerInvariant(), k.Group.Count(static c => c.Label == FeedbackLabel.Positive) / (double)k.Group.Count, $"n={k.Group.Count}"))],
        YMax = 1,
        TickFormat = "0%",
        Colour = Palette[0],
        ShowTitle = false,
        Width = HalfWidth,
        Height = 340,
    };

    internal static LineChart CalibrationChart(IReadOnlyList<LabelledComment> decided)
    {
        var ordered = decided.OrderBy(static c => c.Score).ToList();
        var buckets = Math.Min(CalibrationBuckets, ordered.Count);
        var points = Enumerable.Range(0, buckets)
            .Select(b => ordered.Skip(b * ordered.Count / buckets).Take(((b + 1) * ordered.Count / buckets) - (b * ordered.Count / buckets)).ToList())
            .Where(static bucket => bucket.Count > 0)
            .Select(static bucket => new ChartPoint(
                bucket.Average(static c => c.Score),
                bucket.Count(static c => c.Label == FeedbackLabel.Positive) / (double)bucket.Count,
                string.Create(CultureInfo.InvariantCulture, $"n={bucket.Count}")))
            .ToList();
        return new LineChart
        {
            Title = "Reward-model score against feedback",
            XLabel = "reward-model score (bucket mean)",
            YLabel = "received well",
            Series = [new ChartSeries("observed", points)],
            YMin = 0,
            YMax = 1,
            TickFormat = "0%",
            XTickFormat = "0.##",
            Palette = Palette,
            ShowTitle = false,
            LegendWidth = 0,
            Width = HalfWidth,
            Height = 340,
        };
    }

    private static void ThumbsTable(Html html, IReadOnlyList<ReactionWeek> weeks)
    {
        html.Open("table").Open("thead").Open("tr")
            .Element("th", "Repository", ("scope", "col")).Element("th", "Thumbs up", ("scope", "col"), ("class", "num"))
            .Element("th", "Thumbs down", ("scope", "col"), ("class", "num")).Element("th", "Up share", ("scope", "col"), ("class", "num"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (var repository in weeks.GroupBy(static w => w.Repository).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            var up = repository.Sum(static w => w.Up);
            var down = repository.Sum(static w => w.Down);
            html.Open("tr").Element("td", repository.Key)
                .Element("td", up.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", down.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", DashboardLayout.Percent(up / (double)Math.Max(1, up + down)), ("class", "num"))
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    internal static void Figure(Html html, string svg, string caption) =>
        html.Open("figure", ("class", "chart")).Svg(svg).Element("figcaption", caption).Close("figure");
}
