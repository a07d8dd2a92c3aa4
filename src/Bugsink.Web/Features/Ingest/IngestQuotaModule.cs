namespace Bugsink.Web.Features.Ingest;

// Quotas and refusal counting, registered apart from AddIngest so the ingest module stays as it was.
public static class IngestQuotaModule
{
    public static IServiceCollection AddIngestQuotas(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QuotaOptions>(configuration.GetSection(QuotaOptions.Section));
        services.AddSingleton<ProjectQuotaCache>();
        services.AddSingleton<RejectedItemCounter>();
        services.AddSingleton<IngestQuota>();
        services.AddHostedService<RejectedItemFlusher>();
        return services;
    }
}
