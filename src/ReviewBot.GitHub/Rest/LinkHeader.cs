namespace ReviewBot.GitHub.Rest;

/// <summary>Reads GitHub's <c>Link</c> pagination header: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
internal static class LinkHeader
{
    public static Uri? Next(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        foreach (var part in header.Split(','))
        {
            var pieces = part.Split(';');
            var target = pieces[0].Trim();
            if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
            {
                continue;
            }

            if (pieces.Skip(1).Any(static p => p.Trim().Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next") &&
                Uri.TryCreate(target[1..^1], UriKind.Absolute, out var uri))
            {
                return uri;
            }
        }

        return null;
    }
}
