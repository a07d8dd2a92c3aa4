using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.Alerts.Pages;

// /admin/email/: whether email is set up, what the flood cap and coalescing did, the recent failures
// with the SMTP server's words, and a button to try it.
[Authorize(Policy = AdminRequirement.Policy)]
public sealed class EmailStatusModel(
    AppDbContext db, SmtpEmailSender sender, TestEmailSender testEmail, IOptions<AlertOptions> options, TimeProvider time) : PageModel
{
    // The route as people see it (with the trailing slash that RedirectToPage would drop); ~ adds the base path.
    private const string PagePath = "~/admin/email/";

    private const int ListLength = 25;

    public SmtpOptions Smtp => sender.Options;

    public string? From { get; private set; }

    public AlertOptions Alerts => options.Value;

    public int SentLastHour { get; private set; }

    public IReadOnlyDictionary<AlertStatus, int> StatusCounts { get; private set; } = new Dictionary<AlertStatus, int>();

    public IReadOnlyList<EmailLogEntry> Failures { get; private set; } = [];

    public IReadOnlyList<RecentAlert> RecentAlerts { get; private set; } = [];

    public IReadOnlyList<TeamWithoutRecipients> TeamsWithoutRecipients { get; private set; } = [];

    [BindProperty]
    [Required]
    [EmailAddress]
    [Display(Name = "Send a test email to")]
    public string? TestRecipient { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        From = sender.IsConfigured ? sender.From.ToString() : null;
        SentLastHour = await AlertCounts.SentSinceAsync(db, time.GetUtcNow().AddHours(-1), Alerts.MaxEmailsPerHour, cancellationToken);
        StatusCounts = await db.AlertRequests.GroupBy(a => a.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Failures = await db.EmailLog.AsNoTracking().Where(e => !e.Succeeded).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(ListLength).ToListAsync(cancellationToken);
        var recent = await db.AlertRequests.AsNoTracking().OrderByDescending(a => a.Id).Take(ListLength)
            .Select(a => new
            {
                a.Id, a.CreatedAt, a.IssueId, a.Kind, a.Reason, a.Status,
                ProjectName = db.Projects.Where(p => p.Id == a.ProjectId).Select(p => p.Name).FirstOrDefault(),
                IssueTitle = db.Issues.Where(i => i.Id == a.IssueId).Select(i => i.Title).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        RecentAlerts = recent.Select(r => new RecentAlert(
            r.Id, r.CreatedAt, r.ProjectName ?? "(deleted)", r.IssueId, r.IssueTitle ?? "(deleted)", r.Kind, r.Reason, r.Status)).ToList();
        TeamsWithoutRecipients = await AlertRecipients.TeamsWithoutRecipientsAsync(db, cancellationToken);
        if (TestRecipient is null && ProjectAccess.UserIdOf(User) is { } userId)
        {
            TestRecipient = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        if (!sender.IsConfigured)
        {
            TempData["Flash"] = "No SMTP server is configured, so there is nothing to test.";
            return LocalRedirect(PagePath);
        }

        if (!ModelState.IsValid || !MailboxAddress.TryParse(TestRecipient, out _))
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var error = await testEmail.SendAsync(TestRecipient!, cancellationToken);
        TempData["Flash"] = error is null
            ? $"The SMTP server accepted the test email to {TestRecipient}."
            : $"Sending the test email to {TestRecipient} failed: {error}";
        return LocalRedirect(PagePath);
    }

    public int Count(AlertStatus status) => StatusCounts.GetValueOrDefault(status);

    public static string Describe(AlertStatus status) => status switch
    {
        AlertStatus.Sent => "Sent",
        AlertStatus.Coalesced => "In a digest",
        AlertStatus.Suppressed => "Suppressed by the cap",
        AlertStatus.NoRecipient => "No recipient",
        AlertStatus.NoSmtp => "No SMTP configured",
        AlertStatus.Recorded => "Switched off",
        AlertStatus.Pending => "Waiting",
        _ => status.ToString(),
    };

    public static string Describe(AlertKind kind, string? reason) => reason is { Length: > 0 }
        ? $"{AlertEmailComposer.Headline(kind)} ({reason})"
        : AlertEmailComposer.Headline(kind);
}

public sealed record RecentAlert(
    long Id, DateTimeOffset CreatedAt, string ProjectName, long IssueId, string IssueTitle, AlertKind Kind, string? Reason, AlertStatus Status);
