using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReviewBot.GitHub.Tests.TestSupport;

/// <summary>Keeps every log line, with its scopes, so a test can check what was (and was not) logged.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        private readonly AsyncLocal<List<object?>> _scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var scopes = _scopes.Value ??= [];
            scopes.Add(state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : state);
            return new Pop(scopes);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = _scopes.Value is { Count: > 0 } s ? " [" + string.Join(" | ", s) + "]" : "";
            owner._lines.Enqueue($"{logLevel} {category} {eventId.Id}: {formatter(state, exception)}{scopes} {exception}");
        }

        private sealed class Pop(List<object?> scopes) : IDisposable
        {
            public void Dispose()
            {
                if (scopes.Count > 0)
                {
                    scopes.RemoveAt(scopes.Count - 1);
                }
            }
        }
    }
}
