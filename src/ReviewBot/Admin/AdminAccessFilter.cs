using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReviewBot.Admin;

/// <summary>
/// Lets a request through to an admin endpoint when it carries the configured token, or, with no token configured,
/// when it comes from the loopback interface. Everything else gets 404, so the endpoints are not advertised.
/// </summary>
public sealed class AdminAccessFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsAllowed(context.HttpContext, options.CurrentValue.Token) ? await next(context).ConfigureAwait(false) : Results.NotFound();
    }

    public static bool IsAllowed(HttpContext http, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrEmpty(token))
        {
            // The test server has no connection address; it is in-process, as local as it gets.
            return http.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
