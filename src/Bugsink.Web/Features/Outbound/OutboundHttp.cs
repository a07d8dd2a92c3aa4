using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Outbound;

// The only HttpClient for requests the server sends out (chat, webhooks, anything later). Its handler
// connects through OutboundGuard, follows no redirects, uses no proxy (a proxy would make the checked
// address the proxy's), keeps no cookies, and gives up after the timeout; at most MaxResponseBytes of
// an answer are read.
public sealed class OutboundHttp : IDisposable
{
    private const int MaxErrorChars = 1000;

    private readonly HttpClient _client;
    private readonly OutboundOptions _options;

    public OutboundHttp(OutboundGuard guard, IOptions<OutboundOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.Timeout,
            MaxResponseHeadersLength = 64,
            // Each new connection resolves and checks again; pooled ones are not kept for long.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _client = new HttpClient(handler) { Timeout = _options.Timeout };
    }

    public async Task<OutboundResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            OutboundGuard.ParseUrl(request.RequestUri?.ToString());
        }
        catch (OutboundRefusedException refused)
        {
            return new OutboundResult(OutboundOutcome.Refused, null, refused.Reason, null);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new OutboundResult(OutboundOutcome.Delivered, status, null, null);
            }

            var body = await ReadLimitedAsync(response, cancellationToken);
            var location = response.Headers.Location is { } target ? $" (redirect to {target}, not followed)" : "";
            var error = Shorten($"HTTP {status} {response.ReasonPhrase}{location}: {body}".TrimEnd(' ', ':'));
            return new OutboundResult(OutboundOutcome.Rejected, status, error, RetryAfter(response));
        }
        catch (HttpRequestException exception) when (FindRefusal(exception) is { } refused)
        {
            return new OutboundResult(OutboundOutcome.Refused, null, refused.Reason, null);
        }
        catch (HttpRequestException exception)
        {
            return new OutboundResult(OutboundOutcome.Unreachable, null, Shorten(exception.Message), null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundResult(OutboundOutcome.Unreachable, null, $"No answer within {_options.TimeoutSeconds} s.", null);
        }
    }

    private async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[_options.MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    // Retry-After in seconds or as an HTTP date; capped at a day.
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, TimeSpan.FromDays(1).Ticks)) : null;
    }

    private static OutboundRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= MaxErrorChars ? text : text[..MaxErrorChars] + "…";

    public void Dispose() => _client.Dispose();
}
