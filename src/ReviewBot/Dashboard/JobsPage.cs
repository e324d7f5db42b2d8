using System.Globalization;
using ReviewBot.Commands;
using ReviewBot.Jobs;

namespace ReviewBot.Dashboard;

/// <summary>
/// <c>/dashboard/jobs</c>: the durable queue, per pull request: review heads waiting or running (a second head of a
/// pull request waits, "blocked", while the first runs), retries and their next attempt, queued commands, recurring jobs.
/// </summary>
internal static class JobsPage
{
    public static string Render(JobQueueSnapshot queue, DateTimeOffset now) =>
        DashboardLayout.Page("Job queue", DashboardPage.Jobs, html =>
        {
            html.Element("h1", "Job queue");
            html.Element("p", "Durable jobs in Quartz's store, for every process that shares it.", ("class", "lead"));
            var reviews = queue.Triggers.Where(static t => t.Group == ReviewJobData.Group).ToList();
            html.Open("div", ("class", "cards"));
            DashboardLayout.Card(html, "Reviews waiting", reviews.Count(t => !queue.Running.Contains(t.Trigger) && t.NextFireAt <= now).ToString(CultureInfo.InvariantCulture), "due now");
            DashboardLayout.Card(html, "Reviews running", reviews.Count(t => queue.Running.Contains(t.Trigger)).ToString(CultureInfo.InvariantCulture));
            DashboardLayout.Card(html, "Retries scheduled", reviews.Count(t => t.Attempt > 1 && t.NextFireAt > now).ToString(CultureInfo.InvariantCulture));
            DashboardLayout.Card(html, "Commands queued", queue.Triggers.Count(static t => t.Group == CommandQueue.Group).ToString(CultureInfo.InvariantCulture));
            html.Close("div");

            html.Open("section", ("class", "panel"), ("id", "reviews"));
            DashboardLayout.PanelHeader(html, "Reviews by pull request", "One job per pull request; one trigger per head (and per retry or re-review).");
            if (reviews.Count == 0)
            {
                DashboardLayout.Empty(html, "Nothing queued", "Review jobs appear here from the moment a delivery queues them until they finish.");
            }
            else
            {
                Table(html, reviews, queue.Running, now, review: true);
            }

            html.Close("section");
            var others = queue.Triggers.Where(static t => t.Group != ReviewJobData.Group).ToList();
            html.Open("section", ("class", "panel"), ("id", "other"));
            DashboardLayout.PanelHeader(html, "Commands and recurring jobs");
            if (others.Count == 0)
            {
                DashboardLayout.Empty(html, "Nothing else queued", "Commands given in pull request comments and recurring jobs such as the feedback poll appear here.");
            }
            else
            {
                Table(html, others, queue.Running, now, review: false);
            }

            html.Close("section");
        }, now);

    private static void Table(Html html, IReadOnlyList<QueuedTrigger> triggers, IReadOnlySet<string> running, DateTimeOffset now, bool review)
    {
        html.Open("table").Open("thead").Open("tr")
            .Element("th", review ? "Pull request" : "Job", ("scope", "col"));
        if (review)
        {
            html.Element("th", "Head", ("scope", "col"));
        }
        else
        {
            html.Element("th", "Group", ("scope", "col"));
        }

        html.Element("th", "State", ("scope", "col")).Element("th", "Attempt", ("scope", "col"), ("class", "num")).Element("th", "Next run (UTC)", ("scope", "col"), ("class", "num"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (var trigger in triggers)
        {
            var state = running.Contains(trigger.Trigger) ? "running" : trigger.State == "waiting" && trigger.NextFireAt > now ? "scheduled" : trigger.State;
            html.Open("tr", ("data-job", trigger.Job)).Element("td", trigger.Job, ("class", "mono"));
            if (review)
            {
                html.Open("td").Element("code", trigger.HeadSha is null ? "—" : DashboardLayout.Short(trigger.HeadSha));
                if (trigger.Rerun is not null)
                {
                    html.Text(" ").Element("span", "re-review", ("class", "badge info"));
                }

                html.Close("td");
            }
            else
            {
                html.Element("td", trigger.Group);
            }

            html.Open("td").Element("span", state, ("class", "badge " + StateClass(state))).Close("td")
                .Element("td", trigger.Attempt.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", DashboardLayout.Time(trigger.NextFireAt), ("class", "num"))
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private static string StateClass(string state) => state switch
    {
        "running" => "good",
        "waiting" => "info",
        "blocked" or "scheduled" or "paused" => "warn",
        "error" => "bad",
        _ => "neutral",
    };
}
