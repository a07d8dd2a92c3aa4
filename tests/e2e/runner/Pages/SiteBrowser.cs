using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Bugsink.E2E.Pages;

// The HTML pages as a person without JavaScript sees them: a cookie jar, redirects followed, forms
// submitted the way AngleSharp's form algorithm builds them (hidden fields and the antiforgery token too).
public sealed class SiteBrowser : IDisposable
{
    private readonly HttpClient _http;
    private readonly IBrowsingContext _context = BrowsingContext.New(Configuration.Default);

    public SiteBrowser(string baseUrl)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    // Fills the login form with a real account; fails loudly when the site does not let us in.
    public async Task LogInAsync(string email, string password)
    {
        var login = await GetAsync("/accounts/login/");
        var form = login.QuerySelector<IHtmlFormElement>("main form")
            ?? throw new InvalidOperationException("The login page has no form.");
        Fill(form, "Email", email);
        Fill(form, "Password", password);
        if (form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]") is null)
        {
            throw new InvalidOperationException("The login form carries no antiforgery token.");
        }

        var submission = form.GetSubmission() ?? throw new InvalidOperationException("The login form did not submit.");
        using var body = new StreamContent(submission.Body);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(submission.MimeType ?? "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(new Uri(submission.Target.Href), body);
        var after = await ParseAsync(response);
        if (after.Url.Contains("/accounts/login", StringComparison.Ordinal) || after.QuerySelector(".error-text") is not null)
        {
            throw new InvalidOperationException($"Logging in as {email} failed: {after.QuerySelector(".error-text")?.TextContent.Trim() ?? after.Url}");
        }
    }

    // A page that must answer 200 (after redirects), parsed.
    public async Task<IHtmlDocument> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }

        return await ParseAsync(response);
    }

    // What a download link gives: the bytes and whether the server asked for a download (never rendered).
    public async Task<(byte[] Bytes, string? MediaType, string? Disposition)> DownloadAsync(string href)
    {
        using var response = await _http.GetAsync(new Uri(href, UriKind.RelativeOrAbsolute));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {href} answered {(int)response.StatusCode}.");
        }

        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.DispositionType);
    }

    public void Dispose()
    {
        _http.Dispose();
        _context.Dispose();
    }

    private static void Fill(IHtmlFormElement form, string name, string value)
    {
        var input = form.QuerySelector<IHtmlInputElement>($"input[name='{name}']")
            ?? throw new InvalidOperationException($"The form has no field '{name}'.");
        input.Value = value;
    }

    private async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var url = response.RequestMessage!.RequestUri!;
        return (IHtmlDocument)await _context.OpenAsync(request => request.Content(html).Address(url));
    }
}
