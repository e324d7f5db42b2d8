using System.CommandLine.Parsing;

namespace ReviewBot.Cli;

/// <summary>Parsers for option types System.CommandLine does not know.</summary>
internal static class CliParsers
{
    /// <summary>An absolute http(s) URL, or a parse error that names the option.</summary>
    public static Uri? AbsoluteHttpUri(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) URL.");
        return null;
    }
}
