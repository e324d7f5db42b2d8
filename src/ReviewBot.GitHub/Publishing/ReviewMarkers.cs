using System.Text.RegularExpressions;

namespace ReviewBot.GitHub.Publishing;

/// <summary>
/// The hidden HTML comments ReviewBot leaves in what it posts, so a later run can recognise its own work:
/// <c>&lt;!-- reviewbot:review head=SHA run=ID --&gt;</c> in a review body (one review per head) and
/// <c>&lt;!-- reviewbot:fp=FINGERPRINT --&gt;</c> in each comment (one comment per finding, across pushes).
/// Markdown renders neither.
/// </summary>
public static partial class ReviewMarkers
{
    public static string Review(string headSha, string runId) => $"<!-- reviewbot:review head={headSha} run={Sanitize(runId)} -->";

    /// <summary>The marker of a pending probe review (never submitted; deleted at once).</summary>
    public static string Probe(string headSha) => $"<!-- reviewbot:probe head={headSha} -->";

    public static string Fingerprint(string fingerprint) => $"<!-- reviewbot:fp={Sanitize(fingerprint)} -->";

    /// <summary>The head SHA named by a review body's marker, or null.</summary>
    public static string? ReviewedHead(string? body)
    {
        var match = body is null ? null : ReviewPattern().Match(body);
        return match is { Success: true } ? match.Groups["head"].Value : null;
    }

    /// <summary>The run id named by a review body's marker, or null.</summary>
    public static string? ReviewRun(string? body)
    {
        var match = body is null ? null : ReviewPattern().Match(body);
        return match is { Success: true } ? match.Groups["run"].Value : null;
    }

    /// <summary>The run id prefix of every run made for one request to review a head again.</summary>
    public static string RerunPrefix(string rerun) => $"rerun-{Sanitize(rerun)}-";

    public static bool IsProbe(string? body) => body?.Contains("<!-- reviewbot:probe ", StringComparison.Ordinal) ?? false;

    /// <summary>The fingerprint in a comment body's marker, or null.</summary>
    public static string? FingerprintOf(string? body)
    {
        var match = body is null ? null : FingerprintPattern().Match(body);
        return match is { Success: true } ? match.Groups["fp"].Value : null;
    }

    /// <summary>Keeps a marker's value from closing the HTML comment early.</summary>
    private static string Sanitize(string value) => new([.. value.Where(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')]);

    [GeneratedRegex(@"<!-- reviewbot:review head=(?<head>[0-9a-fA-F]{7,64}) run=(?<run>[^ ]*) -->", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReviewPattern();

    [GeneratedRegex(@"<!-- reviewbot:fp=(?<fp>[0-9A-Za-z_.:\-]{1,128}) -->", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FingerprintPattern();
}
