using System.Text;

namespace ReviewBot.Git;

/// <summary>A commit as <c>eval commits</c> reads it.</summary>
public sealed record GitCommit(string Sha, IReadOnlyList<string> Parents, string Subject, string Body)
{
    public string ShortSha => Sha.Length > 10 ? Sha[..10] : Sha;

    public bool IsMerge => Parents.Count > 1;

    public bool IsRoot => Parents.Count == 0;
}

/// <summary>The commits of a range of a local repository, oldest first.</summary>
public static class GitHistory
{
    /// <summary>
    /// The commits <c>git log</c> lists for <paramref name="range"/> (e.g. <c>v1.2..main</c> or <c>HEAD~20..HEAD</c>),
    /// oldest first, at most <paramref name="max"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The range looks like an option.</exception>
    /// <exception cref="GitCommandException">git rejected it.</exception>
    public static async Task<IReadOnlyList<GitCommit>> ListAsync(LocalGitRepository repository, string range, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(range);
        if (range.StartsWith('-'))
        {
            throw new ArgumentException($"'{range}' is not a revision range", nameof(range));
        }

        var output = await repository.RunAsync(
            ["log", "--reverse", "--no-color", $"--max-count={max}", "--format=%H%x1f%P%x1f%s%x1f%b%x1e", range, "--"],
            cancellationToken).ConfigureAwait(false);
        var commits = new List<GitCommit>();
        foreach (var record in Encoding.UTF8.GetString(output).Split('\x1e', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.TrimStart('\n', '\r').Split('\x1f');
            if (fields.Length < 4 || fields[0].Length < 7)
            {
                continue;
            }

            commits.Add(new GitCommit(fields[0], fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), fields[2], fields[3].Trim()));
        }

        return commits;
    }
}
