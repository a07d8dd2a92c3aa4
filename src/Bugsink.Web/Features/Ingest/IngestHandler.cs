using System.Globalization;
using Bugsink.Sentry.Auth;
using Bugsink.Sentry.Compression;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The order of checks follows Relay (PROTOCOL.md §7.1): credentials from headers and query before
// the body is read, so a wrong key costs nothing; then decoding within limits; then framing.
public sealed class IngestHandler(
    ProjectKeyAuthenticator authenticator,
    InboxBacklog backlog,
    EnvelopeIngest envelopes,
    StoreIngest store,
    SecurityReportIngest securityReports,
    RejectedItemCounter rejected,
    IOptions<IngestOptions> options,
    DecodeWindowBudget windows,
    ServerMetrics metrics)
{
    // Every answer is counted once for /metrics, whichever of the paths below wrote it.
    public async Task HandleAsync(HttpContext context, IngestEndpoint endpoint, string projectIdText)
    {
        await AnswerAsync(context, endpoint, projectIdText);
        metrics.CountIngestAnswer(context.Response.StatusCode);
    }

    private async Task AnswerAsync(HttpContext context, IngestEndpoint endpoint, string projectIdText)
    {
        IngestResponses.AddCorsHeaders(context.Response);
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method))
        {
            await IngestResponses.PreflightAsync(context);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST, OPTIONS";
            await IngestResponses.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed; use POST");
            return;
        }

        if (!long.TryParse(projectIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId))
        {
            await IngestResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid project id in the URL: " + projectIdText);
            return;
        }

        var credentials = CredentialResolver.FromRequest(
            request.Headers["X-Sentry-Auth"], request.Headers.Authorization, request.Query["sentry_key"], request.Query["sentry_version"]);
        if (credentials.Problem is not (CredentialProblem.None or CredentialProblem.Missing))
        {
            await IngestResponses.ErrorAsync(context, credentials.StatusCode, credentials.Message ?? "bad authentication");
            return;
        }

        if (credentials.PublicKey is { } key && authenticator.Check(key, projectId) is { } refusal)
        {
            await refusal.WriteAsync(context);
            return;
        }

        if (backlog.Count > options.Value.MaxBacklog)
        {
            rejected.Add(projectId, RejectionReason.BackPressure);
            await IngestResponses.TooManyRequestsAsync(context, options.Value.BackPressureRetryAfterSeconds, "the server is behind on digesting events; retry later");
            return;
        }

        var treatAsEnvelope = endpoint == IngestEndpoint.Envelope
            || (endpoint == IngestEndpoint.Store && (request.ContentType?.StartsWith("application/x-sentry-envelope", StringComparison.OrdinalIgnoreCase) ?? false));
        if (treatAsEnvelope)
        {
            var streamed = await StreamEnvelopeAsync(context, endpoint, new IngestRequest(context, projectId, credentials, ReadOnlyMemory<byte>.Empty));
            await streamed.WriteAsync(context);
            CountTooLarge(projectId, credentials.PublicKey, streamed.StatusCode);
            return;
        }

        using var body = await ReadBodyAsync(context, endpoint);
        if (body is null)
        {
            CountTooLarge(projectId, credentials.PublicKey, context.Response.StatusCode);
            return;
        }

        var bodyRequest = new IngestRequest(context, projectId, credentials, body.Content);
        var outcome = endpoint == IngestEndpoint.Security ? await securityReports.IngestAsync(bodyRequest) : await store.IngestAsync(bodyRequest);
        await outcome.WriteAsync(context);
        CountTooLarge(projectId, credentials.PublicKey, outcome.StatusCode);
    }

    // Only for requests whose key was checked before the body: a stranger's oversized posts to random
    // project ids must not grow the counts.
    private void CountTooLarge(long projectId, string? checkedKey, int statusCode)
    {
        if (statusCode == StatusCodes.Status413PayloadTooLarge && checkedKey is not null)
        {
            rejected.Add(projectId, RejectionReason.TooLarge);
        }
    }

    // Envelopes are decoded while they are framed: nothing is decoded past the header line before the
    // envelope's own DSN has authenticated a request that carried no key.
    private async Task<IngestOutcome> StreamEnvelopeAsync(HttpContext context, IngestEndpoint endpoint, IngestRequest request)
    {
        var limits = options.Value;
        if (RefuseLength(context) is { } tooLong)
        {
            return tooLong;
        }

        var maxDecoded = endpoint == IngestEndpoint.Store ? limits.MaxEventBytes : limits.MaxEnvelopeBytes;
        try
        {
            using var turn = await windows.EnterAsync(context.Request.Headers.ContentEncoding, context.RequestAborted);
            if (turn is null)
            {
                return NoDecodeTurn;
            }

            var (body, refusal) = await ContentDecoder.OpenAsync(
                context.Request.Body, context.Request.Headers.ContentEncoding, limits.MaxCompressedBytes, maxDecoded, context.RequestAborted,
                limits.MaxCompressionRatio);
            if (body is null)
            {
                return DecodeOutcomes.From(refusal!.Value);
            }

            await using (body)
            {
                return await envelopes.IngestAsync(request, body);
            }
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return IngestOutcome.Error(StatusCodes.Status400BadRequest, "failed to read request body", [exception.Message]);
        }
    }

    private static readonly IngestOutcome NoDecodeTurn =
        IngestOutcome.Error(StatusCodes.Status503ServiceUnavailable, "the server is busy decoding other compressed bodies; retry later");

    private IngestOutcome? RefuseLength(HttpContext context)
    {
        // Kestrel's own body limit would surface as an exception mid-read; the decoder enforces ours instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var max = options.Value.MaxCompressedBytes;
        return context.Request.ContentLength > max
            ? IngestOutcome.Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {max} bytes")
            : null;
    }

    private async Task<DecodedBody?> ReadBodyAsync(HttpContext context, IngestEndpoint endpoint)
    {
        var limits = options.Value;
        if (RefuseLength(context) is { } tooLong)
        {
            await tooLong.WriteAsync(context);
            return null;
        }

        var maxDecoded = endpoint == IngestEndpoint.Envelope ? limits.MaxEnvelopeBytes : limits.MaxEventBytes;
        DecodeResult result;
        try
        {
            using var turn = await windows.EnterAsync(context.Request.Headers.ContentEncoding, context.RequestAborted);
            if (turn is null)
            {
                await NoDecodeTurn.WriteAsync(context);
                return null;
            }

            result = await ContentDecoder.ReadAsync(
                context.Request.Body, context.Request.Headers.ContentEncoding, limits.MaxCompressedBytes, maxDecoded, context.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            await IngestResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "failed to read request body", [exception.Message]);
            return null;
        }

        var (status, detail) = result.Status switch
        {
            DecodeStatus.Ok => (StatusCodes.Status200OK, ""),
            DecodeStatus.TooLarge => (StatusCodes.Status413PayloadTooLarge, "request body too large"),
            DecodeStatus.Corrupt => (StatusCodes.Status400BadRequest, "failed to decode request body"),
            DecodeStatus.UnsupportedEncoding => (StatusCodes.Status415UnsupportedMediaType, "unsupported content encoding"),
            _ => (StatusCodes.Status400BadRequest, "failed to read request body"),
        };
        if (status != StatusCodes.Status200OK || result.Body is null)
        {
            result.Body?.Dispose();
            await IngestResponses.ErrorAsync(context, status, detail, result.Message is null ? null : [result.Message]);
            return null;
        }

        if (result.Body.Content.IsEmpty)
        {
            result.Body.Dispose();
            await IngestResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "empty request body");
            return null;
        }

        return result.Body;
    }
}
