using System.ComponentModel.DataAnnotations;

namespace ReviewBot.RepositoryConfig;

/// <summary>Section <c>RepositoryConfig</c>: how ReviewBot reads each repository's <c>.github/reviewbot.yml</c>.</summary>
public sealed class RepositoryConfigOptions
{
    public const string SectionName = "RepositoryConfig";

    /// <summary>Read repositories' configuration files at all. Default true; false reviews every repository with the server's settings.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Read organisation defaults from the owner's <c>.github</c> repository. Default true.</summary>
    public bool OrganizationDefaults { get; set; } = true;

    /// <summary>
    /// How long a file read (and parsed) is kept in memory. A file at a base commit never changes; the organisation's
    /// file is read at its default branch, so a change there takes at most this long to apply. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
