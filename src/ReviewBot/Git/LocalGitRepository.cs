using System.Diagnostics;
using System.Text;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Git;

/// <summary>Thrown when a git command fails; carries git's own message.</summary>
public sealed class GitCommandException(string message) : Exception(message);

/// <summary>
/// A local git repository, read through the <c>git</c> command: the diff of a range, and whole files at any
/// revision (the context a critic needs and a pasted patch lacks).
/// </summary>
public sealed class LocalGitRepository(string directory)
{
    /// <summary>Largest file read whole, in bytes; larger files are reviewed from the diff alone.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public string Directory { get; } = Path.GetFullPath(directory);

    public static bool IsRepository(string directory) =>
        System.IO.Directory.Exists(Path.Combine(directory, ".git")) || File.Exists(Path.Combine(directory, ".git"));

    /// <summary><c>git diff</c> between two revisions, with renames detected and no external diff driver.</summary>
    public Task<byte[]> DiffAsync(string baseRevision, string headRevision, CancellationToken cancellationToken) =>
        RunAsync(["diff", "--no-color", "--no-ext-diff", "-M", "--full-index", baseRevision, headRevision, "--"], cancellationToken);

    /// <summary>The commit a revision names.</summary>
    public async Task<string> ResolveAsync(string revision, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await RunAsync(["rev-parse", "--verify", revision + "^{commit}"], cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>A file at a revision, or null when it does not exist there or is too large or binary.</summary>
    public async Task<string?> ShowAsync(string revision, string path, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await RunAsync(["show", $"{revision}:{path}"], cancellationToken).ConfigureAwait(false);
            return bytes.Length > MaxFileBytes || bytes.AsSpan().Contains((byte)0) ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (GitCommandException)
        {
            return null;
        }
    }

    /// <summary>Whole files at two revisions (null head: the working tree).</summary>
    public IFileSource FilesAt(string? baseRevision, string? headRevision) => new GitFileSource(this, baseRevision, headRevision);

    internal async Task<byte[]> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.quotePath=true");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new GitCommandException("git could not be started; is it installed?");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(copy, error).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new GitCommandException($"git {arguments[0]} failed: {(await error.ConfigureAwait(false)).Trim()}");
        }

        return output.ToArray();
    }

    private sealed class GitFileSource(LocalGitRepository repository, string? baseRevision, string? headRevision) : IFileSource
    {
        public async ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken)
        {
            if (headRevision is not null)
            {
                return await repository.ShowAsync(headRevision, path, cancellationToken).ConfigureAwait(false);
            }

            var file = Path.GetFullPath(Path.Combine(repository.Directory, path));
            if (!file.StartsWith(repository.Directory, StringComparison.Ordinal) || !File.Exists(file) || new FileInfo(file).Length > MaxFileBytes)
            {
                return null;
            }

            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken) =>
            baseRevision is null ? null : await repository.ShowAsync(baseRevision, path, cancellationToken).ConfigureAwait(false);
    }
}
