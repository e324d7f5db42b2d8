using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

/// <summary>Small helpers the endpoints share: JSON answers, errors, pagination with <c>Link</c>, the caller.</summary>
internal static class SimHttp
{
    public const string CallerKey = "sim.caller";

    /// <summary>GitHub does not escape <c>+</c>, <c>&lt;</c> or quotes inside strings as \u escapes; neither does the simulator.</summary>
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    public static SimCaller Caller(HttpContext http) => http.Items[CallerKey] as SimCaller ?? SimCaller.Anonymous;

    public static async Task<IResult> JsonAsync(HttpContext http, int status, JsonNode? body, string? etag = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (etag is not null)
        {
            http.Response.Headers.ETag = etag;
        }

        await http.Response.WriteAsync(body?.ToJsonString(Output) ?? "null", Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>A 200 with an ETag of the body, or a 304 when the request's <c>If-None-Match</c> names that ETag.</summary>
    public static async Task<IResult> ConditionalJsonAsync(HttpContext http, JsonNode body)
    {
        var etag = "W/\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString() + http.Request.QueryString))) + "\"";
        if (http.Request.Headers.IfNoneMatch.Any(v => string.Equals(v, etag, StringComparison.Ordinal)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.Headers.ETag = etag;
            return Results.Empty;
        }

        return await JsonAsync(http, 200, body, etag).ConfigureAwait(false);
    }

    public static Task<IResult> ErrorAsync(HttpContext http, int status, string message, IEnumerable<string>? errors = null, string docs = "https://docs.github.com/rest") =>
        JsonAsync(http, status, WireJson.Error(message, status, errors, docs));

    public static Task<IResult> NotFoundAsync(HttpContext http) => ErrorAsync(http, 404, "Not Found");

    public static async Task<JsonNode?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One page of <paramref name="items"/> per <c>per_page</c> (default 30, at most 100) and <c>page</c>, with GitHub's <c>Link</c> header.</summary>
    public static JsonArray Page<T>(HttpContext http, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var perPage = Math.Clamp(QueryInt(http, "per_page") ?? 30, 1, 100);
        var page = Math.Max(QueryInt(http, "page") ?? 1, 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{PageUrl(http, perPage, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(http, perPage, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{PageUrl(http, perPage, page - 1)}>; rel=\"prev\"");
            links.Add($"<{PageUrl(http, perPage, 1)}>; rel=\"first\"");
        }

        if (links.Count > 0)
        {
            http.Response.Headers["Link"] = string.Join(", ", links);
        }

        return new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(render)]);
    }

    private static string PageUrl(HttpContext http, int perPage, int page)
    {
        var query = http.Request.Query
            .Where(static q => q.Key is not ("page" or "per_page"))
            .Select(static q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"per_page={perPage}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        return $"{BaseUrl(http)}{http.Request.Path}?{string.Join('&', query)}";
    }

    public static int? QueryInt(HttpContext http, string name) =>
        int.TryParse(http.Request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Accepts(HttpContext http, string mediaType) =>
        http.Request.Headers.Accept.ToString().Contains(mediaType, StringComparison.OrdinalIgnoreCase);
}
