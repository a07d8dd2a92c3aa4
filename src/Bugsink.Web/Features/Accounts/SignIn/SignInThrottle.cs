using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Bugsink.Web.Features.Accounts.SignIn;

// The per-client limit on the forms a stranger can post to without an account (login, forgot password,
// invitations): ASP.NET Core's rate limiter, a sliding window per client address. Pages opt in with
// [EnableRateLimiting(SignInThrottle.Policy)]; only their POSTs count.
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    // The window slides in this many steps. A client gets at most AttemptsPerClient posts within any
    // Segments consecutive steps, so within any span shorter than Segments - 1 steps (LockoutSpan), which
    // is what the account lockout counts guesses in (RecentLoginFailures).
    public const int Segments = 10;

    public static TimeSpan Window(AccountsOptions options) => TimeSpan.FromSeconds(options.AttemptWindowSeconds);

    public static TimeSpan LockoutSpan(AccountsOptions options) => Window(options) * (Segments - 1) / Segments;

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, AccountsOptions accounts)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : accounts.AttemptWindowSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    string.Create(CultureInfo.InvariantCulture, $"Too many attempts from your address. Try again in {seconds} seconds.\n"), cancellationToken);
            };
            options.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(PartitionKey(context), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = accounts.AttemptsPerClient,
                    Window = Window(accounts),
                    SegmentsPerWindow = Segments,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    // Each form its own budget (a mistyped password must not use up the "forgot password" that follows),
    // by its route, not its path: a made-up invitation secret must not buy a fresh budget.
    private static string PartitionKey(HttpContext context) =>
        ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "") + " " + ClientKey(context.Connection.RemoteIpAddress);

    // The client as ForwardedHeaders left it (a trusted proxy's X-Forwarded-For). An IPv6 client is its /64:
    // whoever has one address of a network usually has all 2^64 of them.
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
