using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Bugsink.Web.Tests.Infrastructure;

// A page as the browser got it: the status, where redirects ended, and the parsed document.
public sealed record Page(HttpStatusCode Status, Uri Url, IHtmlDocument Document)
{
    public string Path => Url.AbsolutePath;

    public string Text => Document.Body?.TextContent ?? "";

    public string? Flash => Document.QuerySelector(".flash")?.TextContent.Trim();

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IElement Get(string selector) => Document.QuerySelector(selector) ?? throw new InvalidOperationException($"No '{selector}' on {Url}:\n{Text}");

    public IEnumerable<IElement> FindAll(string selector) => Document.QuerySelectorAll(selector);
}

// A browser without JavaScript: cookies, redirects followed, forms filled and submitted the way
// AngleSharp's form submission algorithm builds them (hidden fields, the antiforgery token, checkboxes,
// selects and the clicked button included). Pages and their forms are tested through it.
public sealed class PageClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IBrowsingContext _context = BrowsingContext.New(Configuration.Default);

    public PageClient(Uri baseAddress, bool followRedirects = true)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new BrowserCookies(Cookies, followRedirects)) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public async Task<Page> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));
        return await ReadAsync(response);
    }

    // Fills the form `formSelector` on `page` (names as in the HTML: "Email", "Form.Name") and submits it,
    // through the button `submitSelector` when given (a form's handler may depend on it).
    public async Task<Page> SubmitAsync(Page page, string formSelector, IReadOnlyDictionary<string, string>? values = null, string? submitSelector = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            Fill(form, name, value);
        }

        var submitter = submitSelector is null ? null : form.QuerySelector<IHtmlElement>(submitSelector);
        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter)) ?? throw new InvalidOperationException("The form did not submit.");
        using var body = new StreamContent(submission.Body);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(submission.MimeType ?? "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(new Uri(submission.Target.Href), body);
        return await ReadAsync(response);
    }

    // GET the page, then submit its form: the common case.
    public async Task<Page> SubmitAsync(string path, string formSelector, IReadOnlyDictionary<string, string>? values = null, string? submitSelector = null) =>
        await SubmitAsync(await GetAsync(path), formSelector, values, submitSelector);

    // A POST built by hand, without what the page would add (to test what the server refuses).
    public async Task<HttpResponseMessage> PostRawAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        await _http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));

    public async Task<Page> LogInAsync(string email, string password, bool rememberMe = false)
    {
        var values = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password };
        if (rememberMe)
        {
            values["RememberMe"] = "true";
        }

        return await SubmitAsync("/accounts/login/", "main form", values);
    }

    public void Dispose()
    {
        _http.Dispose();
        _context.Dispose();
    }

    private static void Fill(IHtmlFormElement form, string name, string value)
    {
        var element = form.Elements.FirstOrDefault(e => e.GetAttribute("name") == name && e.GetAttribute("type") != "hidden")
            ?? form.Elements.FirstOrDefault(e => e.GetAttribute("name") == name)
            ?? throw new InvalidOperationException($"The form has no field '{name}'.");
        switch (element)
        {
            case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                box.IsChecked = value is "true" or "on" or "True";
                break;
            case IHtmlInputElement input:
                input.Value = value;
                break;
            case IHtmlSelectElement select:
                select.Value = value;
                break;
            case IHtmlTextAreaElement area:
                area.Value = value;
                break;
            default:
                throw new InvalidOperationException($"Cannot fill '{name}' ({element.TagName}).");
        }
    }

    private async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var url = response.RequestMessage!.RequestUri!;
        var document = (IHtmlDocument)await _context.OpenAsync(request => request.Content(html).Address(url));
        return new Page(response.StatusCode, url, document);
    }
}
