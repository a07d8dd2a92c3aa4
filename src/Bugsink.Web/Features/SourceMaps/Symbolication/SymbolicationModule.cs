using Bugsink.Web.Features.Digest;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

public static class SymbolicationModule
{
    // The symbolicator reads ISourceArtifacts when it is registered (the artifact-bundle store);
    // without one, events are shown as sent.
    public static IServiceCollection AddSymbolication(this IServiceCollection services)
    {
        services.AddSingleton<SourceMapCache>();
        services.AddSingleton<EventSymbolicator>();
        services.AddSingleton<SourceMapHint>();
        services.AddSingleton<INewIssueCulprits, ResolvedCulprits>();
        return services;
    }
}
