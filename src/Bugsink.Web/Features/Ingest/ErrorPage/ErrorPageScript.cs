using System.Globalization;
using System.Text.Json;

namespace Bugsink.Web.Features.Ingest.ErrorPage;

// The script showReportDialog injects into the crashed page: it builds the dialog with DOM calls (all
// text goes in through textContent and value, never as markup; styles through the CSSOM, which a page's
// CSP without 'unsafe-inline' still allows), posts the form back to this endpoint, and on closing tells
// the SDK with the message its onClose listens for. The SDK's options (title, labels...) arrive in the
// query; each is cut to a sane length and, like the prefilled name and email, encoded as JSON.
public static class ErrorPageScript
{
    private const int MaxOptionLength = 300;

    private static readonly (string Key, string Default)[] Texts =
    [
        ("title", "Sorry, something went wrong"),
        ("subtitle", "The team behind this page has been told."),
        ("subtitle2", "If you would like to help, tell us what happened just before."),
        ("labelName", "Name"),
        ("labelEmail", "Email"),
        ("labelComments", "What happened?"),
        ("labelSubmit", "Send report"),
        ("labelClose", "Close"),
        ("errorGeneric", "The report could not be sent. Please try again."),
        ("errorFormEntry", "Please check the fields:"),
        ("successMessage", "Thank you: your report was sent."),
    ];

    public static string For(ErrorPageTarget target, IQueryCollection query)
    {
        var texts = Texts.ToDictionary(t => t.Key, t => Option(query, t.Key, MaxOptionLength) ?? t.Default, StringComparer.Ordinal);
        var config = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["endpoint"] = EndpointOf(target),
            ["name"] = Option(query, "name", ErrorPageReport.MaxName) ?? "",
            ["email"] = Option(query, "email", ErrorPageReport.MaxEmail) ?? "",
            ["limits"] = new Dictionary<string, int> { ["name"] = ErrorPageReport.MaxName, ["email"] = ErrorPageReport.MaxEmail, ["comments"] = ErrorPageReport.MaxComments },
            ["text"] = texts,
        };

        // The default encoder escapes <, >, &, quotes and non-ASCII: nothing in it can end the script or a string.
        return Body.Replace("/*CONFIG*/", JsonSerializer.Serialize(config), StringComparison.Ordinal);
    }

    // Where the dialog posts: the server as the SDK reaches it (the DSN's origin and prefix), with the
    // same dsn and eventId.
    private static string EndpointOf(ErrorPageTarget target)
    {
        var dsn = target.Dsn;
        var port = dsn.Port is int p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        return $"{dsn.Scheme}://{dsn.Host}{port}{dsn.PathPrefix}/api/embed/error-page/?dsn={Uri.EscapeDataString(dsn.ToString())}&eventId={target.EventId}";
    }

    private static string? Option(IQueryCollection query, string key, int max)
    {
        var value = query[key].ToString().Trim();
        return value.Length == 0 ? null : value.Length > max ? value[..max] : value;
    }

    private const string Body = """
        (function () {
          'use strict';
          var config = /*CONFIG*/;
          var text = config.text;
          var doc = document;
          if (!doc.body || doc.getElementById('bugsink-report-dialog')) {
            return;
          }

          function el(tag, css, content) {
            var node = doc.createElement(tag);
            if (css) { node.style.cssText = css; }
            if (content) { node.textContent = content; }
            return node;
          }

          var inputCss = 'display:block;box-sizing:border-box;width:100%;margin:.25em 0 .75em;padding:.45em;border:1px solid #999;border-radius:4px;font:inherit;color:inherit;background:#fff;';
          function field(name, label, multiline, value) {
            var wrapper = el('div');
            var caption = el('label', 'display:block;font-weight:600;', label);
            caption.htmlFor = 'bugsink-report-' + name;
            wrapper.appendChild(caption);
            var input = el(multiline ? 'textarea' : 'input', inputCss + 'font-weight:400;' + (multiline ? 'min-height:7em;resize:vertical;' : ''));
            input.name = name;
            input.id = 'bugsink-report-' + name;
            input.maxLength = config.limits[name];
            if (!multiline) { input.type = name === 'email' ? 'email' : 'text'; }
            input.value = value || '';
            wrapper.appendChild(input);
            return { wrapper: wrapper, input: input };
          }

          var overlay = el('div', 'position:fixed;top:0;left:0;right:0;bottom:0;z-index:2147483647;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;font:15px/1.4 system-ui,sans-serif;');
          overlay.id = 'bugsink-report-dialog';
          var dialog = el('div', 'box-sizing:border-box;background:#fff;color:#1d1d1f;max-width:34em;width:calc(100% - 2em);max-height:calc(100% - 2em);overflow:auto;padding:1.5em;border-radius:8px;box-shadow:0 6px 30px rgba(0,0,0,.35);text-align:left;');
          dialog.setAttribute('role', 'dialog');
          dialog.setAttribute('aria-modal', 'true');
          dialog.setAttribute('aria-labelledby', 'bugsink-report-title');
          var heading = el('h2', 'margin:0 0 .4em;font-size:1.35em;', text.title);
          heading.id = 'bugsink-report-title';
          dialog.appendChild(heading);
          [text.subtitle, text.subtitle2].forEach(function (line) {
            if (line) { dialog.appendChild(el('p', 'margin:0 0 .6em;color:#555;', line)); }
          });

          var form = el('form', 'margin:1em 0 0;');
          form.noValidate = true;
          var name = field('name', text.labelName, false, config.name);
          var email = field('email', text.labelEmail, false, config.email);
          var comments = field('comments', text.labelComments, true, '');
          var labels = { name: text.labelName, email: text.labelEmail, comments: text.labelComments };
          [name, email, comments].forEach(function (f) { form.appendChild(f.wrapper); });
          var message = el('p', 'margin:.25em 0 .75em;color:#b00020;min-height:1.2em;');
          message.id = 'bugsink-report-message';
          message.setAttribute('role', 'alert');
          form.appendChild(message);
          var buttons = el('div', 'display:flex;gap:.75em;justify-content:flex-end;');
          var close = el('button', 'padding:.5em 1em;border:1px solid #999;border-radius:4px;background:#f4f4f5;color:#1d1d1f;font:inherit;cursor:pointer;', text.labelClose);
          close.type = 'button';
          var submit = el('button', 'padding:.5em 1em;border:0;border-radius:4px;background:#1f5fbf;color:#fff;font:inherit;cursor:pointer;', text.labelSubmit);
          submit.type = 'submit';
          buttons.appendChild(close);
          buttons.appendChild(submit);
          form.appendChild(buttons);
          dialog.appendChild(form);
          overlay.appendChild(dialog);

          function show(line) {
            message.textContent = line;
            submit.disabled = false;
          }

          function shut() {
            if (overlay.parentNode) { overlay.parentNode.removeChild(overlay); }
            doc.removeEventListener('keydown', onKey);
            window.postMessage('__sentry_reportdialog_closed__', '*');
          }

          function onKey(event) {
            if (event.key === 'Escape') { shut(); }
          }

          function sent() {
            form.removeChild(message);
            [name, email, comments].forEach(function (f) { form.removeChild(f.wrapper); });
            buttons.removeChild(submit);
            var thanks = el('p', 'margin:0 0 1em;color:#176b2c;font-weight:600;', text.successMessage);
            thanks.id = 'bugsink-report-sent';
            thanks.setAttribute('role', 'status');
            form.insertBefore(thanks, buttons);
            close.focus();
          }

          form.addEventListener('submit', function (event) {
            event.preventDefault();
            submit.disabled = true;
            message.textContent = '';
            var body = new URLSearchParams();
            body.set('name', name.input.value);
            body.set('email', email.input.value);
            body.set('comments', comments.input.value);
            fetch(config.endpoint, { method: 'POST', body: body, mode: 'cors', credentials: 'omit' }).then(function (response) {
              if (response.ok) {
                sent();
                return;
              }
              return response.json().then(function (answer) {
                if (answer && answer.errors) {
                  show(text.errorFormEntry + ' ' + Object.keys(answer.errors).map(function (key) {
                    return (labels[key] || key) + ': ' + answer.errors[key];
                  }).join(' '));
                } else {
                  show(text.errorGeneric + (answer && answer.detail ? ' (' + answer.detail + ')' : ''));
                }
              });
            }).catch(function () {
              show(text.errorGeneric);
            });
          });
          close.addEventListener('click', shut);
          overlay.addEventListener('click', function (event) {
            if (event.target === overlay) { shut(); }
          });
          doc.addEventListener('keydown', onKey);
          doc.body.appendChild(overlay);
          (name.input.value ? (email.input.value ? comments.input : email.input) : name.input).focus();
        })();

        """;
}
