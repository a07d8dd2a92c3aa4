using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Bugsink.Web.Tests.Features.Quotas;

// Every request that reached the server's ingest endpoints, with the status it got: a startup filter
// puts this middleware in front of the whole pipeline, so what an SDK held back never shows up here.
public sealed class IngestRequestLog : IStartupFilter
{
    private readonly ConcurrentQueue<int> _statuses = new();
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public IReadOnlyList<int> Statuses => [.. _statuses];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? "";
            var isIngest = path.Contains("/envelope/", StringComparison.Ordinal) || path.Contains("/store/", StringComparison.Ordinal);
            if (isIngest)
            {
                Interlocked.Increment(ref _arrived);
            }

            await nextMiddleware(context);
            if (isIngest)
            {
                _statuses.Enqueue(context.Response.StatusCode);
            }
        });
        next(app);
    };
}
