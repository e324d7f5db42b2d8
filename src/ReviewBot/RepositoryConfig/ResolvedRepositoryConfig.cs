using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.RepositoryConfig;

/// <summary>How a configuration file took part in a repository's effective settings.</summary>
public enum ConfigFileStatus
{
    /// <summary>Read, valid, applied.</summary>
    Applied,

    /// <summary>Read but invalid: ignored (the settings under it apply) and explained once on a pull request.</summary>
    Invalid,
}

/// <summary>A configuration file that was found: where, at which blob, and whether it applied.</summary>
/// <param name="Repository"><c>owner/name</c> holding the file.</param>
/// <param name="Path">The file's path in that repository.</param>
/// <param name="Ref">The commit SHA or branch it was read at; empty for the default branch.</param>
/// <param name="BlobSha">Git's object id of the file's content.</param>
/// <param name="Status">Whether the file applied.</param>
public sealed record ConfigFile(string Repository, string Path, string Ref, string BlobSha, ConfigFileStatus Status)
{
    public IReadOnlyList<ConfigProblem> Problems { get; init; } = [];
}

/// <summary>What went wrong reading the configuration (not a file's content: the reading itself).</summary>
public enum ConfigReadFailure
{
    /// <summary>GitHub answered 5xx, timed out or rate-limited: try the review again later.</summary>
    Transient,
}

/// <summary>A repository's effective settings and the files they came from.</summary>
public sealed record ResolvedRepositoryConfig
{
    public required RepositoryConfig Config { get; init; }

    /// <summary>The files found, organisation first; empty when neither exists.</summary>
    public IReadOnlyList<ConfigFile> Files { get; init; } = [];

    /// <summary>Set when the files could not be read; <see cref="Config"/> is then the defaults and must not be used.</summary>
    public ConfigReadFailure? Failure { get; init; }

    public string? FailureReason { get; init; }

    public IEnumerable<ConfigFile> InvalidFiles => Files.Where(static f => f.Status == ConfigFileStatus.Invalid);

    public static ResolvedRepositoryConfig Defaults { get; } = new() { Config = RepositoryConfig.Default };
}

/// <summary>Git's object id of a blob: SHA-1 over <c>"blob {length}\0"</c> and the bytes, as GitHub's contents API reports it.</summary>
public static class GitBlob
{
    public static string Sha(ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(header);
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
