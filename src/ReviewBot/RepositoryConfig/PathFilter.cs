using Microsoft.Extensions.FileSystemGlobbing;

namespace ReviewBot.RepositoryConfig;

/// <summary>
/// Path globs as <c>.github/reviewbot.yml</c> writes them: relative to the repository root, <c>/</c> between segments,
/// <c>*</c> within a segment, <c>**</c> for any number of segments, and a trailing <c>/</c> for a whole directory.
/// Matching is case-sensitive, as git paths are.
/// </summary>
public static class PathGlob
{
    /// <summary>Most characters of one glob.</summary>
    public const int MaxLength = 300;

    /// <summary>Why <paramref name="glob"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        if (glob.Trim().Length == 0)
        {
            return "a glob must not be empty";
        }

        if (glob.Length > MaxLength)
        {
            return $"a glob must be at most {MaxLength} characters";
        }

        if (glob.StartsWith('/'))
        {
            return $"'{glob}' starts with '/': globs are relative to the repository root (write '{glob.TrimStart('/')}')";
        }

        if (glob.Contains('\\', StringComparison.Ordinal))
        {
            return $"'{glob}' contains '\\': separate directories with '/'";
        }

        if (glob.IndexOfAny(['?', '[', ']', '{', '}']) is var at and >= 0)
        {
            return $"'{glob}' uses '{glob[at]}', which is not supported: use '*' within a name and '**' across directories";
        }

        if (glob.StartsWith('!'))
        {
            return $"'{glob}' starts with '!': put files to leave out under paths.exclude instead";
        }

        foreach (var segment in glob.TrimEnd('/').Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"'{glob}' contains '{segment}': globs cannot leave or name the repository root";
            }

            if (segment.Length == 0)
            {
                return $"'{glob}' contains an empty directory name ('//')";
            }

            if (segment.Contains("**", StringComparison.Ordinal) && segment != "**")
            {
                return $"'{glob}': '**' must be a whole directory level, as in 'src/**/*.cs'";
            }
        }

        return null;
    }
}

/// <summary>Decides which files of a change a repository's settings let the critic see.</summary>
public sealed class PathFilter
{
    private readonly Matcher _matcher = new(StringComparison.Ordinal);

    public PathFilter(RepositoryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var include in config.Include)
        {
            _matcher.AddInclude(include);
        }

        foreach (var exclude in RepositoryConfig.DefaultExcludes.Concat(config.Exclude))
        {
            _matcher.AddExclude(exclude);
        }
    }

    /// <summary>True when <paramref name="path"/> (repository-relative, <c>/</c>-separated) is to be reviewed.</summary>
    public bool Includes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _matcher.Match(path).HasMatches;
    }

    /// <summary>True when <paramref name="path"/> matches any of <paramref name="globs"/>.</summary>
    public static bool MatchesAny(IEnumerable<string> globs, string path)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return matcher.Match(path).HasMatches;
    }
}
