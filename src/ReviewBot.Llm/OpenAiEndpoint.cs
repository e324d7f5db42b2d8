namespace ReviewBot.Llm;

/// <summary>
/// Normalises an OpenAI-compatible endpoint to its API root ending in <c>/v1/</c>, whether it was given as
/// <c>http://host:8080</c>, <c>http://host:8080/v1</c>, <c>https://x.openai.azure.com/openai/v1/</c> or a full
/// <c>…/v1/chat/completions</c> URL pasted from a server's documentation.
/// </summary>
public static class OpenAiEndpoint
{
    private static readonly string[] OperationSuffixes = ["/chat/completions", "/completions"];

    public static Uri Normalize(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute URL.", nameof(endpoint));
        }

        var path = endpoint.AbsolutePath.TrimEnd('/');
        foreach (var suffix in OperationSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
                break;
            }
        }

        if (!path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            path += "/v1";
        }

        return new UriBuilder(endpoint) { Path = path + "/", Query = "", Fragment = "" }.Uri;
    }
}
