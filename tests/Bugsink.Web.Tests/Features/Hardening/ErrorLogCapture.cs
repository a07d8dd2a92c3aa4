using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bugsink.Web.Tests.Features.Hardening;

// A logger provider added to the real app's logging: every entry at Error or above, or carrying an
// exception, is kept so a test can say "no request logged an unhandled exception".
public sealed class ErrorLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<string> Since(int start) => [.. _entries.Skip(start)];

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error || exception is not null)
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
