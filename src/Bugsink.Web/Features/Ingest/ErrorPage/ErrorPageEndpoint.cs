using System.Globalization;
using Bugsink.Sentry.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace Bugsink.Web.Features.Ingest.ErrorPage;

// GET: the dialog's script, for the DSN and event in the query; POST (to the same URL, from that script):
// the report, stored as a `user_report` item exactly as one arriving in an envelope. Every answer carries
// ingest's CORS headers and a CSP that allows nothing, errors are JSON with a message, never a 5xx for
// bad input. The key is checked as at ingest: an unknown key, or one of another project, is a 403.
public sealed class ErrorPageEndpoint(ProjectKeyAuthenticator authenticator, EventAcceptor acceptor)
{
    // name, email and comments with their form encoding stay far below this; a larger body is not a report.
    public const long MaxBodyBytes = 64 * 1024;

    private const string Policy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        IngestResponses.AddCorsHeaders(response);
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsOptions(request.Method))
        {
            await IngestResponses.PreflightAsync(context);
            response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = "GET, POST, OPTIONS";
            await IngestResponses.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "the error page takes GET and POST only");
            return;
        }

        if (Target(request, out var problem) is not { } target)
        {
            await IngestResponses.ErrorAsync(context, problem.Status, problem.Detail);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/javascript; charset=utf-8";
            await response.WriteAsync(ErrorPageScript.For(target, request.Query));
            return;
        }

        await TakeReportAsync(context, target);
    }

    // The project and event the dialog is about, from the query both methods carry.
    private ErrorPageTarget? Target(HttpRequest request, out (int Status, string Detail) problem)
    {
        problem = default;
        var dsnText = request.Query["dsn"].ToString();
        if (dsnText.Length == 0)
        {
            problem = (StatusCodes.Status400BadRequest, "missing dsn parameter");
            return null;
        }

        if (!Dsn.TryParse(dsnText, out var dsn) || !long.TryParse(dsn.ProjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId))
        {
            problem = (StatusCodes.Status400BadRequest, "the dsn parameter is not a valid DSN");
            return null;
        }

        if (authenticator.Check(dsn.PublicKey, projectId) is { } refusal)
        {
            problem = (refusal.StatusCode, refusal.Detail ?? "unknown public key");
            return null;
        }

        var eventIdText = request.Query["eventId"].ToString();
        if (eventIdText.Length == 0)
        {
            problem = (StatusCodes.Status400BadRequest, "missing eventId parameter");
            return null;
        }

        if (eventIdText.Length > 36 || !Guid.TryParse(eventIdText, out var eventId))
        {
            problem = (StatusCodes.Status400BadRequest, "the eventId parameter is not an event id (32 hexadecimal digits)");
            return null;
        }

        return new ErrorPageTarget(dsn, projectId, eventId.ToString("N"));
    }

    private async Task TakeReportAsync(HttpContext context, ErrorPageTarget target)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await IngestResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "the report is too large");
            return;
        }

        if (!request.HasFormContentType)
        {
            await IngestResponses.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "send the report as a form (application/x-www-form-urlencoded)");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = (int)MaxBodyBytes, ValueCountLimit = 32 }, context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            await IngestResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "the report is not a readable form: " + exception.Message);
            return;
        }

        var report = ErrorPageReport.Read(form);
        if (report.Errors.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ErrorPageReport.ErrorsJson(report.Errors));
            return;
        }

        var attachment = new InboxAttachment(
            target.ProjectId, target.EventId, "user_report", "user_report.json", "application/json", null, acceptor.Now, report.ToUserReport(target.EventId));
        var outcome = await acceptor.CommitAsync(new InboxWrite(null, [attachment]), null);
        await outcome.WriteAsync(context);
    }
}

public sealed record ErrorPageTarget(Dsn Dsn, long ProjectId, string EventId);
