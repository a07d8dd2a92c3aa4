using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bugsink.Web.Tests.Features.Quotas;

// Refusal counts as an operator finds them: flushed to inbox.db's rejected_items table.
public static class RefusalCounts
{
    public static long Read(BugsinkTestServer server, long projectId, string reason)
    {
        server.Services.GetServices<IHostedService>().OfType<RejectedItemFlusher>().Single().Flush();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "inbox.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ifnull(sum(count), 0) FROM rejected_items WHERE project_id = $p AND reason = $r";
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$r", reason);
        return (long)command.ExecuteScalar()!;
    }
}
