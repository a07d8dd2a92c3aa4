using Bugsink.Web.Features.Ingest.ErrorPage;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database.Engines;

namespace Bugsink.Web.Features.Ingest;

public static class IngestModule
{
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton<ProjectKeyCache>();
        services.AddSingleton<ProjectKeyAuthenticator>();
        services.AddSingleton<InboxDatabase>();
        services.AddPerEngine<IInbox, SqliteInbox, PostgresInbox>();
        services.AddSingleton<InboxBacklog>();
        services.AddSingleton<DroppedItemCounter>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxWriter>());
        services.AddSingleton<IngestSpool>();
        services.AddSingleton<DecodeWindowBudget>();
        services.AddSingleton<EventAcceptor>();
        services.AddSingleton<EnvelopeIngest>();
        services.AddSingleton<StoreIngest>();
        services.AddSingleton<SecurityReportIngest>();
        services.AddSingleton<IngestHandler>();
        services.AddErrorPage();
        return services;
    }

    // Ingest runs before routing, antiforgery and the pages: it is the hot path and has its own
    // authentication (the DSN key), CORS and body handling.
    public static IApplicationBuilder UseIngest(this IApplicationBuilder app)
    {
        // The crash-report dialog (issue 25) is keyed by the DSN like ingest, so it is reached the same way.
        app.UseErrorPage();
        IngestHandler? handler = null;
        return app.Use(async (context, next) =>
        {
            if (IngestPath.TryMatch(context.Request.Path.Value ?? "", out var endpoint, out var projectId))
            {
                handler ??= context.RequestServices.GetRequiredService<IngestHandler>();
                await handler.HandleAsync(context, endpoint, projectId);
                return;
            }

            await next(context);
        });
    }
}
