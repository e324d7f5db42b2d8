using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;
using ReviewBot.Dashboard;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, headless, driven by Playwright) against the real host on a
/// loopback port, with seeded reviews, feedback, an evaluation report and queued jobs. Each page is loaded, its
/// charts counted, and a screenshot saved under the test's output (<c>artifacts/dashboard/*.png</c>).
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Token = "dashboard-test-token";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage", "--disable-gpu", "--disable-component-update", "--no-first-run"];

    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");

    [Fact]
    public async Task Pages_SeededData_RenderChartsAndStayOnLoopback()
    {
        using var data = new TempDirectory();
        var evaluation = Path.Combine(data.Path, "eval");
        await using var host = await StartHostAsync(data.Path, token: null);
        var seeded = await DashboardSeed.SeedAsync(host.Services, evaluation, DateTimeOffset.UtcNow);
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        var reviews = await browser.OpenAsync(host.Url("/dashboard"), "reviews");
        Assert.Equal(200, reviews.Status);
        Assert.Equal(DashboardHeadersFilter.ContentSecurityPolicy, await reviews.HeaderValueAsync("content-security-policy"));
        Assert.Equal(seeded.Reviews, await page.Locator("tr[data-review]").CountAsync());
        Assert.Equal("false", await page.Locator("pre.body").First.EvaluateAsync<string>("e => String(e.innerHTML.includes('<script'))"));
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        await page.Locator("details.comments summary").First.ClickAsync();
        await browser.ShotAsync("reviews-expanded");

        await browser.OpenAsync(host.Url("/dashboard/reviews/1"), "review");
        Assert.True(await page.Locator("ul.comments li").CountAsync() >= 1);

        await browser.OpenAsync(host.Url("/dashboard/feedback"), "feedback");
        var thumbs = page.Locator("#thumbs svg g.series");
        Assert.Equal(seeded.ReactionWeeksByRepository.Count, await thumbs.CountAsync());
        foreach (var (repository, weeks) in seeded.ReactionWeeksByRepository)
        {
            Assert.Equal(weeks, await page.Locator($"#thumbs svg g.series[data-series='{repository}'] circle").CountAsync());
        }

        Assert.Equal(seeded.KindsWithLabels, await page.Locator("#acceptance svg rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.getAttribute('data-label'))"));
        Assert.Equal(Math.Min(FeedbackPage.CalibrationBuckets, seeded.LabelledComments), await page.Locator("#calibration svg circle").CountAsync());

        await browser.OpenAsync(host.Url("/dashboard/evaluation"), "evaluation");
        var lambda = page.Locator("#lambda svg g.series");
        Assert.Equal(4, await lambda.CountAsync());
        Assert.Equal(4 * seeded.Lambdas, await page.Locator("#lambda svg g.series circle").CountAsync());
        Assert.Equal(3, await page.Locator("#kinds tbody tr").CountAsync());
        Assert.True(await page.Locator("#tradeoff svg g.series").CountAsync() >= 2);

        await browser.OpenAsync(host.Url("/dashboard/jobs"), "jobs");
        Assert.Equal(seeded.QueuedReviews, await page.Locator("#reviews tr[data-job]").CountAsync());
        Assert.Equal(1, await page.Locator("#reviews .badge.info", new PageLocatorOptions { HasTextString = "re-review" }).CountAsync());
        Assert.Equal(1, await page.Locator("#other tr[data-job]").CountAsync());

        Assert.NotEmpty(browser.Requests);
        Assert.All(browser.Requests, static url => Assert.True(new Uri(url).IsLoopback, $"{url} left loopback"));
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task Pages_EmptyDatabase_ShowEmptyStates()
    {
        using var data = new TempDirectory();
        await using var host = await StartHostAsync(data.Path, token: null);
        await using var browser = await BrowserSession.StartAsync();

        foreach (var (path, name) in new[] { ("/dashboard", "empty-reviews"), ("/dashboard/feedback", "empty-feedback"), ("/dashboard/evaluation", "empty-evaluation"), ("/dashboard/jobs", "empty-jobs") })
        {
            var response = await browser.OpenAsync(host.Url(path), name);
            Assert.Equal(200, response.Status);
            Assert.True(await browser.Page.Locator(".empty").CountAsync() >= 1, $"{path} shows an empty state");
            Assert.Equal(0, await browser.Page.Locator("main svg").CountAsync());
        }

        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task Login_WithToken_CookieOpensTheDashboardAndAWrongTokenDoesNot()
    {
        using var data = new TempDirectory();
        await using var host = await StartHostAsync(data.Path, Token);
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        await browser.OpenAsync(host.Url("/dashboard/feedback"), "login");
        Assert.EndsWith("/dashboard/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#token", "not-the-token");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("not the admin token", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#token", Token);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(host.Url("/dashboard"));

        Assert.Equal("Reviews", await page.Locator("h1").InnerTextAsync());
        var cookie = Assert.Single(await browser.Context.CookiesAsync(), static c => c.Name == DashboardAccessFilter.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(Token, cookie.Value, StringComparison.Ordinal);

        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(new Uri(host.Url("/dashboard/jobs")));
        Assert.Contains("/dashboard/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, host.Url("/dashboard/jobs"));
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var withBearer = await http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
        Assert.Contains("Job queue", await withBearer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<RunningHost> StartHostAsync(string dataDirectory, string? token) =>
        RunningHost.StartAsync(new Dictionary<string, string?>
        {
            [ReviewBotHost.RoleKey] = nameof(ServeRole.Web),
            ["Storage:DataDirectory"] = dataDirectory,
            ["GitHub:WebhookSecret"] = "dashboard-test-secret",
            ["Admin:Token"] = token,
            ["Feedback:PollEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });

    /// <summary>Chromium with one page; every request it makes is recorded, and so is every console error (a CSP violation is one).</summary>
    private sealed class BrowserSession : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;
        private readonly ConcurrentQueue<string> _requests = new();
        private readonly ConcurrentQueue<string> _errors = new();

        private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Context = context;
            Page = page;
            page.Request += (_, request) => _requests.Enqueue(request.Url);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    _errors.Enqueue(message.Text);
                }
            };
        }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public IReadOnlyList<string> Requests => [.. _requests];

        public IReadOnlyList<string> ConsoleErrors => [.. _errors];

        public static async Task<BrowserSession> StartAsync()
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 }, DeviceScaleFactor = 1 });
            return new BrowserSession(playwright, browser, context, await context.NewPageAsync());
        }

        public async Task<IResponse> OpenAsync(string url, string screenshot)
        {
            var response = await Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load }) ?? throw new InvalidOperationException($"no response for {url}");
            await ShotAsync(screenshot);
            return response;
        }

        public async Task ShotAsync(string name)
        {
            Directory.CreateDirectory(Artifacts);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
