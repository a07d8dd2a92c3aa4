using System.Diagnostics;
using System.Reflection;

namespace Bugsink.Web.Tests.Infrastructure;

// Records, from EF Core's DiagnosticSource events in this process while it is alive, the text of every SQL
// command it runs (so a test can tell one query per page from one query per row) and the type of every entity it
// starts tracking (so a test can tell which rows a job loaded to change). Other work of the in-process server
// (background jobs) is recorded too: filter by a table or type only the code under test reads.
public sealed class EfEventRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private const string StartedTracking = "Microsoft.EntityFrameworkCore.ChangeTracking.StartedTracking";
    private readonly List<string> _commands = [];
    private readonly List<Type> _tracked = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public EfEventRecorder() => _all = DiagnosticListener.AllListeners.Subscribe(this);

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

    public int TrackedCount<TEntity>()
    {
        lock (_tracked)
        {
            return _tracked.Count(t => t == typeof(TEntity));
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name is Executed or StartedTracking));
            }
        }
    }

    // The payloads are EF's CommandExecutedEventData and EntityEntryEventData; read by reflection so the test
    // needs no relational types.
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Executed && Property(value.Value, "Command") is System.Data.Common.DbCommand command)
        {
            lock (_commands)
            {
                _commands.Add(command.CommandText);
            }
        }
        else if (value.Key == StartedTracking && Property(Property(value.Value, "EntityEntry"), "Entity") is { } entity)
        {
            lock (_tracked)
            {
                _tracked.Add(entity.GetType());
            }
        }
    }

    private static object? Property(object? owner, string name) =>
        owner?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(owner);

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
