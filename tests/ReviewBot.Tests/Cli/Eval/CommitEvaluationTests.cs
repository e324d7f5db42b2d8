using System.Diagnostics;
using System.Text.Json;
using ReviewBot.Cli;
using ReviewBot.Cli.Eval;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli.Eval;

public sealed class CommitEvaluationTests : IDisposable
{
    private readonly TempDirectory _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task RunAsync_TinyRepository_FlagsTheReversedFixAndCountsCommentsOfOthers()
    {
        Git("init", "-q", "-b", "main");
        Commit("Sum.cs", Sum("<="), "Add Total");
        Commit("Sum.cs", Sum("<"), "Fix off-by-one in Total");
        Commit("Greeting.cs", "namespace Sample;\n\npublic static class Greeting\n{\n    public static string Hello(string name) => \"Hello, \" + name;\n}\n", "Add a greeting");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var request = new CommitsEvalRequest { Repo = new DirectoryInfo(_repo.Path), Revs = "HEAD~2..HEAD", Format = ReviewFormat.Json, RewardModel = "heuristic", Parallelism = 1 };

        var exit = await CommitEvaluation.RunAsync(request, CliConfiguration.Build(), stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        using var report = JsonDocument.Parse(stdout.ToString());
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("fix", rows[0].GetProperty("kind").GetString());
        Assert.True(rows[0].GetProperty("flagged").GetBoolean());
        Assert.Contains("Sum.cs:8", rows[0].GetProperty("fixLines").EnumerateArray().Select(static l => l.GetString()));
        Assert.Equal("other", rows[1].GetProperty("kind").GetString());
        Assert.False(rows[1].TryGetProperty("flagged", out _));
        Assert.Equal(1, report.RootElement.GetProperty("fixCommits").GetInt32());
        Assert.Equal(1.0, report.RootElement.GetProperty("flaggedRate").GetDouble());
        Assert.Equal(1, report.RootElement.GetProperty("otherCommits").GetInt32());
    }

    [Fact]
    public async Task RunAsync_RootCommitInRange_SkippedWithAReason()
    {
        Git("init", "-q", "-b", "main");
        Commit("Sum.cs", Sum("<"), "Add Total");
        using var stdout = new StringWriter();
        var request = new CommitsEvalRequest { Repo = new DirectoryInfo(_repo.Path), Revs = "HEAD", Format = ReviewFormat.Json, RewardModel = "heuristic", Parallelism = 1 };

        var exit = await CommitEvaluation.RunAsync(request, CliConfiguration.Build(), stdout, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("root commit", report.RootElement.GetProperty("rows")[0].GetProperty("skipped").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task RunAsync_NotARepository_ExitsTwo()
    {
        using var stderr = new StringWriter();
        var request = new CommitsEvalRequest { Repo = new DirectoryInfo(_repo.Path), Revs = "HEAD~1..HEAD" };

        var exit = await CommitEvaluation.RunAsync(request, CliConfiguration.Build(), TextWriter.Null, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("not a git repository", stderr.ToString(), StringComparison.Ordinal);
    }

    private static string Sum(string comparison) => $$"""
        namespace Sample;

        public static class Sums
        {
            public static int Total(int[] values)
            {
                var total = 0;
                for (var i = 0; i {{comparison}} values.Length; i++)
                {
                    total += values[i];
                }

                return total;
            }
        }

        """;

    private void Commit(string path, string content, string message)
    {
        File.WriteAllText(Path.Combine(_repo.Path, path), content);
        Git("add", path);
        Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message);
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.Path, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }
}
