using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.Passwords;

// Reset emails per account per hour, whoever asks for them and from wherever: the per-client limit alone
// would let many clients fill one person's mailbox. The form's answer is the same either way.
public sealed class PasswordMailThrottle(IOptions<AccountsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address.ToUpperInvariant(), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PasswordEmailsPerAddressPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool MaySend(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
