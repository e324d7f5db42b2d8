using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Admin;

namespace ReviewBot.Dashboard;

/// <summary>
/// Who may see the dashboard: as for <c>/admin</c> (<see cref="AdminAccessFilter"/>), loopback only when no
/// <c>Admin:Token</c> is set; with one, requests carrying it as a bearer header, or the session cookie that
/// <c>POST /dashboard/login</c> sets. The cookie holds an HMAC of the token, never the token itself. Without access:
/// 404 when there is no token (nothing is advertised), else a redirect to the login form.
/// </summary>
public sealed class DashboardAccessFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public const string CookieName = "reviewbot_dashboard";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var token = options.CurrentValue.Token;
        if (AdminAccessFilter.IsAllowed(http, token) || HasSession(http, token))
        {
            return await next(context).ConfigureAwait(false);
        }

        return string.IsNullOrEmpty(token) ? Results.NotFound() : Results.Redirect("/dashboard/login");
    }

    /// <summary>The cookie value a login with <paramref name="token"/> sets.</summary>
    public static string SessionValue(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "reviewbot-dashboard-session"u8));

    public static bool TokenMatches(string? given, string token) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool HasSession(HttpContext http, string? token) =>
        !string.IsNullOrEmpty(token) && http.Request.Cookies.TryGetValue(CookieName, out var cookie) && cookie is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(SessionValue(token)));
}

/// <summary>Security headers on every dashboard response: a strict Content-Security-Policy (no scripts, no inline styles, nothing from elsewhere), no framing, no caching, no referrer.</summary>
public sealed class DashboardHeadersFilter : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
