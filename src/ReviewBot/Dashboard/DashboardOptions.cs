using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Dashboard;

/// <summary>Section <c>Dashboard</c>. Who may see it is <c>Admin:Token</c>'s business (loopback only without one).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboard under <c>/dashboard</c>. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where <c>reviewbot eval tamper --out</c> reports are kept; the newest <c>report.json</c> below it is shown. Default <c>eval</c> in <c>Storage:DataDirectory</c>.</summary>
    public string? EvaluationDirectory { get; set; }

    /// <summary>Reviews listed on the first page. Default 30.</summary>
    [Range(1, 500)]
    public int RecentReviews { get; set; } = 30;

    /// <summary>Days of feedback the charts cover. Default 90.</summary>
    [Range(7, 3650)]
    public int FeedbackDays { get; set; } = 90;
}
