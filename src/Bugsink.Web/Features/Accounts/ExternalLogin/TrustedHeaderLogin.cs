using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// Bugsink:Auth:TrustedHeader: the authenticating proxy in front names the user in a header on every
// request, so the header is the session (no cookie of ours: when the proxy's session ends, ours does).
// Believed only when the connection itself comes from a proxy in BUGSINK_TRUSTED_PROXIES, whatever
// X-Forwarded-For says: anyone else could write the header.
public sealed partial class TrustedHeaderLogin(IOptions<TrustedHeaderOptions> options, IOptions<SiteOptions> site, ILogger<TrustedHeaderLogin> log)
{
    private readonly Microsoft.AspNetCore.Builder.ForwardedHeadersOptions? _proxies = TrustedProxies.ToForwardedHeadersOptions(site.Value.TrustedProxies);

    private int _warned;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored the {Header} header from {Peer}, which is not in BUGSINK_TRUSTED_PROXIES (said once per process)")]
    private partial void LogIgnored(string header, string? peer);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var header = options.Value.TrustedHeader;
        if (!options.Value.Enabled || context.Request.Headers[header].ToString().Trim() is not { Length: > 0 } email)
        {
            await next();
            return;
        }

        var peer = context.Features.Get<ReverseProxySetup.ConnectingPeer>()?.Address ?? context.Connection.RemoteIpAddress;
        if (!TrustedProxies.Includes(_proxies, peer))
        {
            // Once per process: a client that sends it on every request must not fill the log.
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                LogIgnored(header, peer?.ToString());
            }

            await next();
            return;
        }

        var accounts = context.RequestServices.GetRequiredService<ExternalAccounts>();
        var match = await accounts.MatchHeaderUserAsync(email);
        if (match.User is { } user)
        {
            context.User = await context.RequestServices.GetRequiredService<SignInManager<User>>().CreateUserPrincipalAsync(user);
        }

        await next();
    }
}

public static class TrustedHeaderLoginSetup
{
    // After UseAuthentication (it replaces whatever the session cookie said) and before authorization.
    public static IApplicationBuilder UseTrustedHeaderLogin(this IApplicationBuilder app)
    {
        var login = app.ApplicationServices.GetRequiredService<TrustedHeaderLogin>();
        return app.Use((context, next) => login.InvokeAsync(context, () => next(context)));
    }
}
