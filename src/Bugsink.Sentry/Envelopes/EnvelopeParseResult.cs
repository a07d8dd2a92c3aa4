using System.Diagnostics.CodeAnalysis;

namespace Bugsink.Sentry.Envelopes;

// Detail and Causes are meant for the {"detail":…,"causes":[…]} error body that the .NET SDK logs (PROTOCOL.md §7.2).
public sealed record EnvelopeParseResult(Envelope? Envelope, int StatusCode, string? Detail, IReadOnlyList<string> Causes)
{
    public const string InvalidEnvelopeDetail = "invalid event envelope";

    [MemberNotNullWhen(true, nameof(Envelope))]
    public bool IsSuccess => Envelope is not null;

    internal static EnvelopeParseResult Success(Envelope envelope) => new(envelope, 200, null, []);

    internal static EnvelopeParseResult Invalid(string cause) => new(null, 400, InvalidEnvelopeDetail, [cause]);

    internal static EnvelopeParseResult TooLarge(string what, string cause) =>
        new(null, 413, $"envelope exceeded size limits for {what}", [cause]);
}
