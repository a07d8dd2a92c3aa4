using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

// The account lockout's memory: an account is locked when MaxFailedAccessAttempts wrong passwords arrive
// within SignInThrottle.LockoutSpan. Identity's own counter never forgets a failure (it is reset only by a
// success), so one stranger who stays under the per-client limit forever would still lock the owner out,
// again and again; counting only failures that close together, no single client can (it is allowed fewer
// than that many posts in that span), while many clients guessing at once still lock the account.
// In memory: a restart forgets the guesses, not the lockouts (those are LockoutEnd in the database).
public sealed class RecentLoginFailures(TimeProvider time, IOptions<AccountsOptions> accounts, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<long, Queue<DateTimeOffset>> _failures = new();

    // Records a wrong password; true when it is the one that locks the account.
    public bool RecordAndCheck(long userId)
    {
        var now = time.GetUtcNow();
        var since = now - SignInThrottle.LockoutSpan(accounts.Value);
        var limit = identity.Value.Lockout.MaxFailedAccessAttempts;
        var recent = _failures.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && recent.Peek() <= since)
            {
                recent.Dequeue();
            }

            recent.Enqueue(now);
            if (recent.Count < limit)
            {
                return false;
            }

            recent.Clear();
            return true;
        }
    }

    public void Forget(long userId) => _failures.TryRemove(userId, out _);
}
