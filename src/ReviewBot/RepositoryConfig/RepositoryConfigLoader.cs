using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.RepositoryConfig;

/// <summary>
/// Reads a repository's effective settings inside a review job: the organisation's defaults (<c>.github/reviewbot.yml</c>
/// or <c>reviewbot.yml</c> on the default branch of <c>{owner}/.github</c>), then the repository's own
/// <c>.github/reviewbot.yml</c> at the pull request's BASE commit. Never the head: a pull request cannot change the
/// settings it is reviewed with. Reads and parses are cached in memory for <see cref="RepositoryConfigOptions.CacheDuration"/>,
/// parses per (repository, blob SHA).
/// </summary>
public sealed partial class RepositoryConfigLoader(
    GitHubRestClient client,
    IOptionsMonitor<RepositoryConfigOptions> options,
    TimeProvider timeProvider,
    ILogger<RepositoryConfigLoader> logger)
{
    /// <summary>Where a repository keeps its settings.</summary>
    public const string FilePath = ".github/reviewbot.yml";

    /// <summary>The repository of an organisation (or user) that holds its defaults.</summary>
    public const string OrganizationRepository = ".github";

    private static readonly string[] OrganizationPaths = [".github/reviewbot.yml", "reviewbot.yml"];

    private readonly ConcurrentDictionary<(string Repository, string Ref, string Path), (FetchedFile? File, DateTimeOffset Expires)> _files = new();
    private readonly ConcurrentDictionary<(string Repository, string BlobSha), (ConfigParseResult Result, DateTimeOffset Expires)> _parsed = new();

    public async Task<ResolvedRepositoryConfig> LoadAsync(GitHubCall call, string repository, string baseRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var settings = options.CurrentValue;
        if (!settings.Enabled || !RepositoryName.TryParse(repository, out var name))
        {
            return ResolvedRepositoryConfig.Defaults;
        }

        var config = RepositoryConfig.Default;
        var files = new List<ConfigFile>();
        if (settings.OrganizationDefaults && !string.Equals(name.Name, OrganizationRepository, StringComparison.OrdinalIgnoreCase))
        {
            var organization = new RepositoryName(name.Owner, OrganizationRepository);
            foreach (var path in OrganizationPaths)
            {
                var read = await ReadAsync(call, organization, "", path, settings, cancellationToken).ConfigureAwait(false);
                if (read.Failure is not null)
                {
                    return Failed(read.Failure);
                }

                if (read.File is { } file)
                {
                    config = Apply(config, file, files, settings);
                    break;
                }
            }
        }

        var own = await ReadAsync(call, name, baseRef, FilePath, settings, cancellationToken).ConfigureAwait(false);
        if (own.Failure is not null)
        {
            return Failed(own.Failure);
        }

        if (own.File is { } ownFile)
        {
            config = Apply(config, ownFile, files, settings);
        }

        return new ResolvedRepositoryConfig { Config = config, Files = files };
    }

    private RepositoryConfig Apply(RepositoryConfig config, FetchedFile file, List<ConfigFile> files, RepositoryConfigOptions settings)
    {
        var parsed = Parse(file, settings);
        if (parsed.IsValid)
        {
            files.Add(new ConfigFile(file.Repository, file.Path, file.Ref, file.BlobSha, ConfigFileStatus.Applied));
            return config.With(parsed.Layer);
        }

        Log.Invalid(logger, file.Repository, file.Path, file.BlobSha, parsed.Problems.Count);
        files.Add(new ConfigFile(file.Repository, file.Path, file.Ref, file.BlobSha, ConfigFileStatus.Invalid) { Problems = parsed.Problems });
        return config;
    }

    private ConfigParseResult Parse(FetchedFile file, RepositoryConfigOptions settings)
    {
        var now = timeProvider.GetUtcNow();
        var key = (file.Repository, file.BlobSha);
        if (_parsed.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Result;
        }

        var result = file.Problem is { } problem
            ? new ConfigParseResult(ConfigLayer.Empty, [problem])
            : RepositoryConfigParser.Parse(file.Text!);
        _parsed[key] = (result, now + settings.CacheDuration);
        Trim(_parsed, now);
        return result;
    }

    private async Task<ReadResult> ReadAsync(GitHubCall call, RepositoryName repository, string gitRef, string path, RepositoryConfigOptions settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var key = (repository.ToString(), gitRef, path);
        if (_files.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return new ReadResult(cached.File, null);
        }

        var answer = await client.GetFileContentAsync(call, repository, path, gitRef, RepositoryConfigParser.MaxBytes, cancellationToken).ConfigureAwait(false);
        FetchedFile? file;
        switch (answer.Status)
        {
            case GitHubStatus.Ok:
                file = answer.Value is { } bytes ? FetchedFile.From(repository.ToString(), path, gitRef, bytes) : null;
                break;
            case GitHubStatus.TooLarge:
                file = new FetchedFile(repository.ToString(), path, gitRef, "too-large", null,
                    new ConfigProblem(1, 1, $"the file is larger than {RepositoryConfigParser.MaxBytes / 1024} KiB"));
                break;
            case GitHubStatus.Transient or GitHubStatus.RateLimited or GitHubStatus.UnknownOutcome:
                return new ReadResult(null, $"reading {repository}/{path}: {answer.Describe()}");
            default:
                // 404 is the usual "no such file"; 403 and the like mean ReviewBot may not read it: as good as absent.
                if (answer.Status != GitHubStatus.NotFound)
                {
                    Log.Unreadable(logger, repository.ToString(), path, answer.Describe());
                }

                file = null;
                break;
        }

        _files[key] = (file, now + settings.CacheDuration);
        Trim(_files, now);
        return new ReadResult(file, null);
    }

    private static ResolvedRepositoryConfig Failed(string reason) =>
        new() { Config = RepositoryConfig.Default, Failure = ConfigReadFailure.Transient, FailureReason = reason };

    /// <summary>Drops expired entries once the cache has grown, so a long-running server does not keep every blob it ever saw.</summary>
    private static void Trim<TKey, TValue>(ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> cache, DateTimeOffset now)
        where TKey : notnull
    {
        if (cache.Count < 1024)
        {
            return;
        }

        foreach (var (key, entry) in cache)
        {
            if (entry.Expires <= now)
            {
                cache.TryRemove(key, out _);
            }
        }
    }

    private sealed record ReadResult(FetchedFile? File, string? Failure);

    private sealed record FetchedFile(string Repository, string Path, string Ref, string BlobSha, string? Text, ConfigProblem? Problem)
    {
        public static FetchedFile From(string repository, string path, string gitRef, byte[] bytes)
        {
            var sha = GitBlob.Sha(bytes);
            try
            {
                var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
                return new FetchedFile(repository, path, gitRef, sha, text.TrimStart('\uFEFF'), null);
            }
            catch (DecoderFallbackException)
            {
                return new FetchedFile(repository, path, gitRef, sha, null, new ConfigProblem(1, 1, "the file is not UTF-8 text"));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Configuration {Repository}/{Path} (blob {BlobSha}) is invalid ({Count} problem(s)); the settings under it apply")]
        public static partial void Invalid(ILogger logger, string repository, string path, string blobSha, int count);

        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Configuration {Repository}/{Path} could not be read ({Error}); treated as absent")]
        public static partial void Unreadable(ILogger logger, string repository, string path, string error);
    }
}
