using System.Globalization;
using ReviewBot.Data.Dashboard;

namespace ReviewBot.Dashboard;

/// <summary><c>/dashboard</c>: headline figures and the recent reviews with their comments; <c>/dashboard/reviews/{id}</c>: one review.</summary>
internal static class ReviewsPage
{
    public static string Render(DashboardTotals totals, IReadOnlyList<ReactionWeek> reactions, IReadOnlyList<DashboardReview> reviews, IReadOnlyList<DashboardComment> comments, int days, DateTimeOffset now) =>
        DashboardLayout.Page("Reviews", DashboardPage.Reviews, html =>
        {
            html.Element("h1", "Reviews");
            html.Element("p", $"What ReviewBot reviewed and said, newest first. Figures cover the last {days} days.", ("class", "lead"));
            var up = reactions.Sum(static r => r.Up);
            var down = reactions.Sum(static r => r.Down);
            html.Open("div", ("class", "cards"));
            DashboardLayout.Card(html, "Review runs", Count(totals.Reviews), $"{Count(totals.Posted)} posted or dry-run");
            DashboardLayout.Card(html, "Inline comments", Count(totals.Comments), totals.Posted == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{totals.Comments / (double)totals.Posted:0.0} per review"));
            DashboardLayout.Card(html, "Repositories", Count(totals.Repositories), totals.LastReviewAt is null ? "no review yet" : "last review " + DashboardLayout.Time(totals.LastReviewAt));
            DashboardLayout.Card(html, "Thumbs-up share", up + down == 0 ? "—" : DashboardLayout.Percent(up / (double)(up + down)), $"{Count(up)} up · {Count(down)} down");
            html.Close("div");

            html.Open("section", ("class", "panel"), ("aria-labelledby", "recent"));
            html.Open("header").Element("h2", "Recent reviews", ("id", "recent")).Element("p", "Open a row's comments, or the review itself for its summary.").Close("header");
            if (reviews.Count == 0)
            {
                DashboardLayout.Empty(html, "No reviews yet", "Once ReviewBot reviews a pull request, it shows up here with its comments.");
            }
            else
            {
                Table(html, reviews, comments.ToLookup(static c => c.ReviewId));
            }

            html.Close("section");
        }, now);

    public static string RenderOne(DashboardReview review, IReadOnlyList<DashboardComment> comments, DateTimeOffset now) =>
        DashboardLayout.Page($"{review.Repository}#{review.PullNumber}", DashboardPage.Reviews, html =>
        {
            html.Open("p").Element("a", "← All reviews", ("href", "/dashboard")).Close("p");
            html.Element("h1", $"{review.Repository} #{review.PullNumber}");
            html.Open("p", ("class", "lead"))
                .Text("Head ").Element("code", DashboardLayout.Short(review.HeadSha)).Text(" · ")
                .Element("span", review.Status, ("class", "badge " + DashboardLayout.StatusClass(review.Status)))
                .Text($" · critic {review.Critic ?? "—"} · reward model {review.RewardModel ?? "—"} · {DashboardLayout.Time(review.CreatedAt)} UTC")
                .Close("p");
            if (review.Reason is { Length: > 0 } reason)
            {
                html.Element("div", reason, ("class", "notice"));
            }

            if (review.Summary is { Length: > 0 } summary)
            {
                html.Open("section", ("class", "panel"));
                DashboardLayout.PanelHeader(html, "Summary");
                html.Element("pre", summary, ("class", "body"));
                html.Close("section");
            }

            html.Open("section", ("class", "panel"));
            DashboardLayout.PanelHeader(html, "Comments", $"{comments.Count} inline");
            if (comments.Count == 0)
            {
                DashboardLayout.Empty(html, "No inline comments", "ReviewBot found nothing worth a comment in this change, or the run did not get that far.");
            }
            else
            {
                CommentList(html, comments);
            }

            html.Close("section");
        }, now);

    private static void Table(Html html, IReadOnlyList<DashboardReview> reviews, ILookup<long, DashboardComment> comments)
    {
        html.Open("table").Open("thead").Open("tr")
            .Element("th", "Pull request", ("scope", "col")).Element("th", "Head", ("scope", "col")).Element("th", "Status", ("scope", "col"))
            .Element("th", "Comments", ("scope", "col"), ("class", "num")).Element("th", "Critic", ("scope", "col")).Element("th", "When (UTC)", ("scope", "col"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (var review in reviews)
        {
            var own = comments[review.Id].ToList();
            html.Open("tr", ("data-review", review.Id.ToString(CultureInfo.InvariantCulture)));
            html.Open("td").Element("a", $"{review.Repository} #{review.PullNumber}", ("href", $"/dashboard/reviews/{review.Id}"));
            if (own.Count > 0)
            {
                html.Open("details", ("class", "comments")).Element("summary", own.Count == 1 ? "1 comment" : $"{own.Count} comments");
                CommentList(html, own);
                html.Close("details");
            }
            else if (review.Reason is { Length: > 0 } reason)
            {
                html.Element("div", reason, ("class", "muted"));
            }

            html.Close("td");
            html.Open("td").Element("code", DashboardLayout.Short(review.HeadSha)).Close("td");
            html.Open("td").Element("span", review.Status, ("class", "badge " + DashboardLayout.StatusClass(review.Status))).Close("td");
            html.Element("td", review.CommentCount.ToString(CultureInfo.InvariantCulture), ("class", "num"));
            html.Element("td", review.Critic ?? "—", ("class", "mono"));
            html.Element("td", DashboardLayout.Time(review.CreatedAt), ("class", "num"));
            html.Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private static void CommentList(Html html, IEnumerable<DashboardComment> comments)
    {
        html.Open("ul", ("class", "comments"));
        foreach (var comment in comments)
        {
            var lines = comment.StartLine is { } start && start != comment.Line ? $"{start}-{comment.Line}" : comment.Line.ToString(CultureInfo.InvariantCulture);
            html.Open("li").Open("div", ("class", "where"))
                .Element("code", $"{comment.Path}:{lines}").Text(" · ")
                .Element("span", comment.Kind.ToLowerInvariant(), ("class", "badge " + KindClass(comment.Kind))).Text(" ")
                .Text(comment.RuleId is null ? comment.Source.ToLowerInvariant() : $"{comment.RuleId} · {comment.Source.ToLowerInvariant()}")
                .Text(string.Create(CultureInfo.InvariantCulture, $" · score {comment.Score:0.00}"));
            if (comment.ThumbsUp + comment.ThumbsDown > 0)
            {
                html.Element("span", $"{comment.ThumbsUp} thumbs up · {comment.ThumbsDown} down", ("class", "reactions"));
            }

            html.Close("div").Element("pre", comment.Body, ("class", "body")).Close("li");
        }

        html.Close("ul");
    }

    private static string KindClass(string kind) => kind switch
    {
        "Bug" or "Security" => "bad",
        "Performance" => "warn",
        _ => "neutral",
    };

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
