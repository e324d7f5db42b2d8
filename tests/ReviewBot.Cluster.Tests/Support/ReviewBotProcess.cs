using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ReviewBot.Cluster.Tests.Support;

/// <summary>
/// One <c>reviewbot serve</c> process started from the host's build output (<c>dotnet reviewbot.dll serve …</c>),
/// configured through environment variables as an operator would. Keeps the last lines it printed for diagnostics.
/// Disposing kills it.
/// </summary>
internal sealed partial class ReviewBotProcess : IAsyncDisposable
{
    private const int KeptLines = 4000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReviewBotProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public Uri BaseAddress { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>The build output the processes start from.</summary>
    public static string DllPath { get; } = typeof(ReviewBotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "ReviewBotDll").Value!;

    public static async Task<ReviewBotProcess> StartAsync(string name, ServeRole role, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DllPath))
        {
            throw new InvalidOperationException($"{DllPath} is missing: build src/ReviewBot (the test project references it) before running these tests.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        foreach (var argument in new[] { DllPath, "serve", "--urls", "http://127.0.0.1:0", "--role", role.ToString().ToLowerInvariant() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__LogLevel__Quartz"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new ReviewBotProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Exited += (_, _) => started._listening.TrySetException(new InvalidOperationException($"{name} exited with {SafeExitCode(process)} before listening:\n{started.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            started.BaseAddress = await started._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>How many of the lines it printed lately contain <paramref name="fragment"/>.</summary>
    public int CountLines(string fragment) => _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>What it printed lately (the last few thousand lines).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary><c>kill -9</c>: no shutdown, no clean-up, its database sessions simply vanish.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await Task.Yield();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
