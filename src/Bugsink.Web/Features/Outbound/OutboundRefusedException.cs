namespace Bugsink.Web.Features.Outbound;

// The guard said no: the URL or the address it resolves to may not be reached. Never retried.
public sealed class OutboundRefusedException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
