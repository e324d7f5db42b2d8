using System.Net.Http.Headers;
using System.Text.Json;

namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubConnection
{
    private HttpRequestMessage BuildMessage(GitHubRequest request, string? credential)
    {
        var message = new HttpRequestMessage(request.Method, request.AbsoluteUri ?? new Uri(_apiRoot, request.Path));
        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        message.Headers.UserAgent.ParseAdd(_options.UserAgent);
        if (credential is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (request.IfNoneMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.IfNoneMatch);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return message;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpResponseMessage answer, long maxBytes, CancellationToken cancellationToken)
    {
        if (answer.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var stream = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private bool IsUnderApiRoot(Uri uri) =>
        Uri.Compare(uri, _apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0 &&
        uri.AbsolutePath.StartsWith(_apiRoot.AbsolutePath, StringComparison.Ordinal);

    internal static GitHubError? ParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GitHubError);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
