using System.Globalization;

namespace ReviewBot.Dashboard;

/// <summary>The pages of the dashboard, for its navigation.</summary>
internal enum DashboardPage
{
    Reviews,
    Feedback,
    Evaluation,
    Jobs,
    None,
}

/// <summary>The frame around every dashboard page: head, navigation, footer.</summary>
internal static class DashboardLayout
{
    private static readonly (DashboardPage Page, string Href, string Label)[] Navigation =
    [
        (DashboardPage.Reviews, "/dashboard", "Reviews"),
        (DashboardPage.Feedback, "/dashboard/feedback", "Feedback"),
        (DashboardPage.Evaluation, "/dashboard/evaluation", "Evaluation"),
        (DashboardPage.Jobs, "/dashboard/jobs", "Job queue"),
    ];

    public static string Page(string title, DashboardPage current, Action<Html> body, DateTimeOffset now)
    {
        var html = new Html();
        html.Svg("<!DOCTYPE html>");
        html.Open("html", ("lang", "en")).Open("head")
            .Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Element("title", $"{title} · ReviewBot")
            .Void("link", ("rel", "stylesheet"), ("href", DashboardStyles.Path))
            .Void("link", ("rel", "icon"), ("href", "data:,"))
            .Close("head")
            .Open("body");
        html.Open("header", ("class", "top")).Open("div", ("class", "bar"))
            .Open("a", ("class", "brand"), ("href", "/dashboard")).Text("Review").Element("span", "Bot").Close("a");
        if (current != DashboardPage.None)
        {
            html.Open("nav", ("class", "main"), ("aria-label", "Dashboard"));
            foreach (var (page, href, label) in Navigation)
            {
                html.Element("a", label, ("href", href), ("aria-current", page == current ? "page" : null));
            }

            html.Close("nav");
        }

        html.Close("div").Close("header");
        html.Open("main");
        body(html);
        html.Close("main");
        html.Open("footer", ("class", "bottom"))
            .Text(string.Create(CultureInfo.InvariantCulture, $"ReviewBot dashboard · read-only · rendered {now:yyyy-MM-dd HH:mm} UTC"))
            .Close("footer");
        html.Close("body").Close("html");
        return html.ToString();
    }

    public static void Empty(Html html, string title, string detail) =>
        html.Open("div", ("class", "empty")).Element("strong", title).Text(detail).Close("div");

    public static void Card(Html html, string label, string value, string? hint = null)
    {
        html.Open("div", ("class", "card")).Element("div", label, ("class", "label")).Element("div", value, ("class", "value"));
        if (hint is not null)
        {
            html.Element("div", hint, ("class", "hint"));
        }

        html.Close("div");
    }

    public static void PanelHeader(Html html, string title, string? detail = null)
    {
        html.Open("header").Element("h2", title);
        if (detail is not null)
        {
            html.Element("p", detail);
        }

        html.Close("header");
    }

    public static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    public static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    /// <summary>The badge class for a review run's status.</summary>
    public static string StatusClass(string status) => status switch
    {
        "Posted" or "AlreadyPosted" => "good",
        "DryRun" => "info",
        "Failed" => "bad",
        "Running" => "warn",
        _ => "neutral",
    };
}
