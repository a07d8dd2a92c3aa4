namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Storage of uploaded artifact bundles and the ISourceArtifacts lookups over them.
public static class BundlesModule
{
    public static IServiceCollection AddSourceMapBundles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceMapOptions>().Bind(configuration.GetSection(SourceMapOptions.Section)).ValidateDataAnnotations();
        services.AddSingleton<ChunkStore>();
        services.AddSingleton<BundleUsage>();
        services.AddSingleton<ISourceArtifacts, StoredSourceArtifacts>();
        services.AddScoped<BundleStore>();
        services.AddScoped<BundleAssembler>();
        services.AddTransient<BundleRetentionJob>();
        return services;
    }
}
