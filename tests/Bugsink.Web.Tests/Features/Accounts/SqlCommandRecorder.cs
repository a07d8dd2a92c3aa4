using System.Diagnostics;
using System.Reflection;

namespace Bugsink.Web.Tests.Features.Accounts;

// Records the text of every SQL command EF Core runs in this process while it is alive (EF's DiagnosticSource
// events), so a test can tell one query per page from one query per row. Other work of the in-process server
// (background jobs) is recorded too: filter by a table only the page under test reads.
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private readonly List<string> _commands = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public SqlCommandRecorder() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public int CountMentioning(string table) => Commands.Count(c => c.Contains(table, StringComparison.Ordinal));

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == Executed));
            }
        }
    }

    // The payload is EF's CommandExecutedEventData; read by reflection so the test needs no relational types.
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Executed && value.Value?.GetType().GetProperty("Command", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value.Value) is System.Data.Common.DbCommand command)
        {
            lock (_commands)
            {
                _commands.Add(command.CommandText);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
