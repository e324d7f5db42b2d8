using Microsoft.Extensions.Options;
using Quartz;
using ReviewBot.Admin;
using ReviewBot.Data;
using ReviewBot.Data.Dashboard;

namespace ReviewBot.Dashboard;

/// <summary>
/// <c>/dashboard</c>: a read-only, server-rendered view of reviews, feedback, the latest evaluation and the job
/// queue. HTML and SVG only: no scripts, no requests to anywhere else.
/// </summary>
public static class DashboardEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static IServiceCollection AddReviewBotDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviewBotDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }

        var dashboard = app.MapGroup("/dashboard").AddEndpointFilter<DashboardHeadersFilter>();
        dashboard.MapGet("/assets/dashboard.css", static () => Results.Text(DashboardStyles.Css, "text/css; charset=utf-8"));
        dashboard.MapGet("/login", static (IOptionsMonitor<AdminOptions> admin, TimeProvider time) => string.IsNullOrEmpty(admin.CurrentValue.Token)
            ? Results.Redirect("/dashboard")
            : Results.Text(LoginPage.Render(null, time.GetUtcNow()), HtmlType));
        dashboard.MapPost("/login", LoginAsync);

        var pages = dashboard.MapGroup("").AddEndpointFilter<DashboardAccessFilter>();
        pages.MapGet("", ReviewsAsync);
        pages.MapGet("/reviews/{id:long}", ReviewAsync);
        pages.MapGet("/feedback", FeedbackAsync);
        pages.MapGet("/evaluation", EvaluationAsync);
        pages.MapGet("/jobs", JobsAsync);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IOptionsMonitor<AdminOptions> admin, TimeProvider time)
    {
        var token = admin.CurrentValue.Token;
        if (string.IsNullOrEmpty(token))
        {
            return Results.Redirect("/dashboard");
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : null;
        if (!DashboardAccessFilter.TokenMatches(form?["token"].ToString(), token))
        {
            return Results.Content(LoginPage.Render("That is not the admin token.", time.GetUtcNow()), HtmlType, statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(DashboardAccessFilter.CookieName, DashboardAccessFilter.SessionValue(token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/dashboard",
            MaxAge = TimeSpan.FromHours(12),
        });
        return Results.Redirect("/dashboard", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> ReviewsAsync(DashboardQueries queries, IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = queries.Now;
        var since = now.AddDays(-settings.FeedbackDays);
        var totals = await queries.TotalsAsync(since, cancellationToken).ConfigureAwait(false);
        var reactions = await queries.ReactionWeeksAsync(since, cancellationToken).ConfigureAwait(false);
        var reviews = await queries.RecentReviewsAsync(settings.RecentReviews, cancellationToken).ConfigureAwait(false);
        var comments = await queries.CommentsAsync([.. reviews.Select(static r => r.Id)], cancellationToken).ConfigureAwait(false);
        return Results.Text(ReviewsPage.Render(totals, reactions, reviews, comments, settings.FeedbackDays, now), HtmlType);
    }

    private static async Task<IResult> ReviewAsync(long id, DashboardQueries queries, CancellationToken cancellationToken)
    {
        var review = await queries.ReviewAsync(id, cancellationToken).ConfigureAwait(false);
        if (review is null)
        {
            return Results.NotFound();
        }

        var comments = await queries.CommentsAsync([id], cancellationToken).ConfigureAwait(false);
        return Results.Text(ReviewsPage.RenderOne(review, comments, queries.Now), HtmlType);
    }

    private static async Task<IResult> FeedbackAsync(DashboardQueries queries, IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        var days = options.Value.FeedbackDays;
        var now = queries.Now;
        var weeks = await queries.ReactionWeeksAsync(now.AddDays(-days), cancellationToken).ConfigureAwait(false);
        var labelled = await queries.LabelledCommentsAsync(now.AddDays(-days), cancellationToken).ConfigureAwait(false);
        return Results.Text(FeedbackPage.Render(weeks, labelled, days, now), HtmlType);
    }

    private static async Task<IResult> EvaluationAsync(DashboardQueries queries, IOptions<DashboardOptions> options, IOptions<StorageOptions> storage, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.EvaluationDirectory ?? Path.Combine(storage.Value.DataDirectory, "eval"));
        var latest = await EvaluationReports.LatestAsync(directory, cancellationToken).ConfigureAwait(false);
        return Results.Text(EvaluationPage.Render(latest, directory, queries.Now), HtmlType);
    }

    private static async Task<IResult> JobsAsync(ISchedulerFactory schedulers, DashboardQueries queries, CancellationToken cancellationToken)
    {
        var queue = await JobQueue.ReadAsync(schedulers, cancellationToken).ConfigureAwait(false);
        return Results.Text(JobsPage.Render(queue, queries.Now), HtmlType);
    }
}
