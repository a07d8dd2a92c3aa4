using System.Globalization;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Retention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Admin;

// Disk, retention, quotas and refusals of the whole installation, for administrators only.
[Authorize(Policy = AdminRequirement.Policy)]
public sealed class SystemModel(SystemFigures figures, IOptions<RetentionOptions> retention) : PageModel
{
    public IReadOnlyList<DatabaseFile> Files { get; private set; } = [];

    public IReadOnlyList<ProjectFigures> Projects { get; private set; } = [];

    public IReadOnlyList<RefusalCount> Refusals { get; private set; } = [];

    public (long Minute, long Hour, long Month) InstallationAccepted { get; private set; }

    public long MaxTotalEvents => retention.Value.MaxTotalEvents;

    public long TotalStored => Projects.Sum(p => p.Stored);

    public void OnGet()
    {
        Files = figures.ReadFiles();
        Projects = figures.ReadProjects();
        Refusals = figures.ReadRefusals();
        InstallationAccepted = figures.InstallationAccepted();
    }

    public string ProjectName(long projectId) => Projects.FirstOrDefault(p => p.Id == projectId)?.Name ?? $"project {projectId} (deleted)";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Limit(long? value) => value is > 0 ? Count(value.Value) : "no limit";

    public static string Bytes(long value) => value switch
    {
        < 1024 => $"{value} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
