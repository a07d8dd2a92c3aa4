namespace Bugsink.Web.Features.Outbound;

public enum OutboundOutcome
{
    // The service answered 2xx.
    Delivered,
    // It answered, but not 2xx (a redirect included: redirects are not followed).
    Rejected,
    // No answer: refused connection, reset, timeout.
    Unreachable,
    // The guard refused the URL or its address; nothing was sent.
    Refused,
}

// What became of one request: the status and the start of the body when there was an answer.
public sealed record OutboundResult(OutboundOutcome Outcome, int? Status, string? Error, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Outcome == OutboundOutcome.Delivered;

    // Worth trying again later: no answer, 429, or a server error. Other 4xx and refusals are final.
    public bool IsRetryable => Outcome == OutboundOutcome.Unreachable || Status is 429 or >= 500;
}
