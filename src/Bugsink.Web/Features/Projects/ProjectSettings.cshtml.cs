using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Projects;

// Team admins (and administrators) only: other members of the team get "not allowed", everyone else 404.
public sealed class ProjectSettingsModel(AppDbContext db, ProjectAccess access, ProjectKeyCache keys, ProjectQuotaCache quotas, ProjectRemover remover) : PageModel
{
    [BindProperty]
    public ProjectSettingsForm Form { get; set; } = new();

    public Project Project { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        Form = ProjectSettingsForm.From(Project);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)];
            return Page();
        }

        var wasEnabled = Project.IsEnabled;
        Form.ApplyTo(Project);
        await db.SaveChangesAsync(cancellationToken);
        if (wasEnabled != Project.IsEnabled)
        {
            // Ingest answers from its key cache; without this a disabled project would keep accepting events.
            keys.Forget(Project.PublicKey);
        }

        // Likewise for the quotas: a new limit holds from the next event, not after the cache's refresh.
        quotas.Forget(Project.Id);

        TempData["Flash"] = "Settings saved.";
        return Redirect($"/projects/{id}/settings/");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        await remover.DeleteAsync(Project, cancellationToken);
        TempData["Flash"] = $"Deleted the project {Project.Name}. Its DSN no longer accepts events.";
        return Redirect("/projects/");
    }

    // Null when the user may manage the project (which is then loaded), else the answer to give.
    private async Task<IActionResult?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var (project, refusal) = await access.FindManagedAsync(User, id, cancellationToken);
        Project = project!;
        return refusal;
    }
}

public sealed class ProjectSettingsForm
{
    [Required]
    [StringLength(200)]
    public string Name { get; set; } = "";

    public bool IsEnabled { get; set; }

    public bool AlertOnNewIssue { get; set; }

    public bool AlertOnRegression { get; set; }

    public bool AlertOnUnmute { get; set; }

    [Range(1, 10_000_000, ErrorMessage = "Keep between 1 and 10,000,000 events.")]
    public int RetentionMaxEvents { get; set; }

    [Range(1, 3650, ErrorMessage = "Keep events between 1 and 3650 days, or leave it empty.")]
    public int? RetentionMaxAgeDays { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "A quota is at least 1 event; leave it empty for the installation default.")]
    public int? QuotaPerMinute { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "A quota is at least 1 event; leave it empty for the installation default.")]
    public int? QuotaPerHour { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "A quota is at least 1 event; leave it empty for the installation default.")]
    public int? QuotaPerMonth { get; set; }

    [Range(1, long.MaxValue, ErrorMessage = "An attachment quota is at least 1 byte; leave it empty for the installation default.")]
    public long? AttachmentQuotaBytesPerMinute { get; set; }

    [Range(1, long.MaxValue, ErrorMessage = "An attachment quota is at least 1 byte; leave it empty for the installation default.")]
    public long? AttachmentQuotaBytesPerHour { get; set; }

    [Range(1, long.MaxValue, ErrorMessage = "An attachment quota is at least 1 byte; leave it empty for the installation default.")]
    public long? AttachmentQuotaBytesPerMonth { get; set; }

    public static ProjectSettingsForm From(Project project) => new()
    {
        Name = project.Name,
        IsEnabled = project.IsEnabled,
        AlertOnNewIssue = project.AlertOnNewIssue,
        AlertOnRegression = project.AlertOnRegression,
        AlertOnUnmute = project.AlertOnUnmute,
        RetentionMaxEvents = project.RetentionMaxEvents,
        RetentionMaxAgeDays = project.RetentionMaxAgeDays,
        QuotaPerMinute = project.QuotaPerMinute,
        QuotaPerHour = project.QuotaPerHour,
        QuotaPerMonth = project.QuotaPerMonth,
        AttachmentQuotaBytesPerMinute = project.AttachmentQuotaBytesPerMinute,
        AttachmentQuotaBytesPerHour = project.AttachmentQuotaBytesPerHour,
        AttachmentQuotaBytesPerMonth = project.AttachmentQuotaBytesPerMonth,
    };

    public void ApplyTo(Project project)
    {
        project.Name = Name.Trim();
        project.IsEnabled = IsEnabled;
        project.AlertOnNewIssue = AlertOnNewIssue;
        project.AlertOnRegression = AlertOnRegression;
        project.AlertOnUnmute = AlertOnUnmute;
        project.RetentionMaxEvents = RetentionMaxEvents;
        project.RetentionMaxAgeDays = RetentionMaxAgeDays;
        project.QuotaPerMinute = QuotaPerMinute;
        project.QuotaPerHour = QuotaPerHour;
        project.QuotaPerMonth = QuotaPerMonth;
        project.AttachmentQuotaBytesPerMinute = AttachmentQuotaBytesPerMinute;
        project.AttachmentQuotaBytesPerHour = AttachmentQuotaBytesPerHour;
        project.AttachmentQuotaBytesPerMonth = AttachmentQuotaBytesPerMonth;
    }
}
