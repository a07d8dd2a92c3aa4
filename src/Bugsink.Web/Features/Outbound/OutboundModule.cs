namespace Bugsink.Web.Features.Outbound;

public static class OutboundModule
{
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>()
            .Bind(configuration.GetSection(OutboundOptions.Section))
            .Validate(o => o.TryParseAllowedNetworks(out _, out _), "Bugsink:Outbound:AllowedNetworks must be comma-separated CIDRs such as 10.0.0.0/8.")
            .Validate(o => o.TimeoutSeconds > 0 && o.MaxResponseBytes > 0, "Bugsink:Outbound: the timeout and response limit must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IOutboundResolver, SystemOutboundResolver>();
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddSingleton<OutboundGuard>();
        services.AddSingleton<OutboundHttp>();
        return services;
    }
}
