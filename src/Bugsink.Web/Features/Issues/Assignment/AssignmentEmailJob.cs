using System.Net;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.Issues.Assignment;

// "ann@example.com assigned SHOP-12 to you": one email to the new assignee, on the email queue, sent
// through the same SMTP settings as the alerts. Without an SMTP server there is nobody to tell; the
// history entry on the issue remains. The title is a stranger's text: encoded in the HTML part.
public sealed class AssignmentEmailJob(AppDbContext db, SmtpEmailSender sender, IOptions<SiteOptions> site)
{
    [Queue(AlertOptions.Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long issueId, string recipient, string assignedBy, CancellationToken ct)
    {
        if (!sender.IsConfigured)
        {
            return;
        }

        var issue = await db.Issues.AsNoTracking().Where(i => i.Id == issueId && !i.IsDeleted)
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => new { i.Title, i.Number, p.Slug, p.Name })
            .FirstOrDefaultAsync(ct);
        if (issue is null)
        {
            return;
        }

        var friendly = FormattableString.Invariant($"{issue.Slug.ToUpperInvariant()}-{issue.Number}");
        var link = new AlertLinks(site.Value.BaseUrl).Issue(issueId);
        var oneLine = issue.Title.ReplaceLineEndings(" ");
        var message = new MimeMessage { Subject = $"[{issue.Name.ReplaceLineEndings(" ")}] {friendly} assigned to you: {oneLine}" };
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Body = new BodyBuilder
        {
            TextBody = $"{assignedBy} assigned {friendly} to you.\n\n{oneLine}\n\n{link}\n",
            HtmlBody = $"<p>{WebUtility.HtmlEncode(assignedBy)} assigned {WebUtility.HtmlEncode(friendly)} to you.</p>"
                + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(oneLine)}</a></p>",
        }.ToMessageBody();
        await sender.SendAsync(message, ct);
    }
}
