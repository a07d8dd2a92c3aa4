using Bugsink.Sentry.Compression;

namespace Bugsink.Web.Features.Ingest;

// One mapping from a decoding failure to the answer, for bodies read whole and bodies read while framing.
public static class DecodeOutcomes
{
    public static IngestOutcome From(DecodeResult result)
    {
        var (status, detail) = result.Status switch
        {
            DecodeStatus.TooLarge => (StatusCodes.Status413PayloadTooLarge, "request body too large"),
            DecodeStatus.Corrupt => (StatusCodes.Status400BadRequest, "failed to decode request body"),
            DecodeStatus.UnsupportedEncoding => (StatusCodes.Status415UnsupportedMediaType, "unsupported content encoding"),
            _ => (StatusCodes.Status400BadRequest, "failed to read request body"),
        };
        return IngestOutcome.Error(status, detail, result.Message is null ? null : [result.Message]);
    }
}
