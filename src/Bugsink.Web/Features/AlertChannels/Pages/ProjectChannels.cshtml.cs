using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.AlertChannels.Pages;

// A project's chat and webhook channels, their delivery log and the volume rule. Team admins (and
// administrators) only: other members get "not allowed", everyone else 404, as on the settings page.
public sealed class ProjectChannelsModel(AppDbContext db, ProjectAccess access, ChannelEditor editor, ChannelTester tester) : PageModel
{
    public const int LogRows = 50;

    public Project Project { get; private set; } = null!;

    public IReadOnlyList<AlertChannel> Channels { get; private set; } = [];

    public IReadOnlyList<ChannelDelivery> Log { get; private set; } = [];

    public VolumeAlertRule? Rule { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty]
    public NewChannelForm Form { get; set; } = new();

    public string NameOf(long channelId) => Channels.FirstOrDefault(c => c.Id == channelId)?.Name ?? "(deleted)";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var created = await editor.CreateAsync(id, new ChannelInput(Form.Name, Form.Kind, Form.Url, Form.Secret, Form.Alerts, true), cancellationToken);
        if (created.Channel is null)
        {
            Errors = [created.Error!];
            return await ShowAsync(cancellationToken);
        }

        TempData["Flash"] = created.Secret is { } secret
            ? $"Added {created.Channel.Name}. Its signing secret (shown once): {secret}"
            : $"Added {created.Channel.Name}.";
        return Back();
    }

    public async Task<IActionResult> OnPostTestAsync(long id, long channelId, CancellationToken cancellationToken)
    {
        if ((await FindAsync(id, cancellationToken) ?? await FindChannelAsync(id, channelId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        var result = await tester.SendAsync(_channel!, cancellationToken);
        TempData["Flash"] = result.IsSuccess ? $"The service accepted the test message (HTTP {result.Status})." : $"Not delivered: {result.Error}";
        return Back();
    }

    public async Task<IActionResult> OnPostToggleAsync(long id, long channelId, CancellationToken cancellationToken)
    {
        if ((await FindAsync(id, cancellationToken) ?? await FindChannelAsync(id, channelId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        await editor.ChangeAsync(_channel!, new ChannelChange(null, !_channel!.IsEnabled), cancellationToken);
        TempData["Flash"] = _channel.IsEnabled ? $"Switched {_channel.Name} on." : $"Switched {_channel.Name} off.";
        return Back();
    }

    // The kinds of alert an existing channel gets; none checked leaves it switched on but silent.
    public async Task<IActionResult> OnPostAlertsAsync(long id, long channelId, List<string> alerts, CancellationToken cancellationToken)
    {
        if ((await FindAsync(id, cancellationToken) ?? await FindChannelAsync(id, channelId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        if (await editor.ChangeAsync(_channel!, new ChannelChange(alerts, null), cancellationToken) is { } error)
        {
            Errors = [error];
            return await ShowAsync(cancellationToken);
        }

        TempData["Flash"] = $"{_channel!.Name} now gets: {(alerts.Count == 0 ? "nothing" : string.Join(", ", ChannelInput.AlertsOf(_channel)))}.";
        return Back();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, long channelId, CancellationToken cancellationToken)
    {
        if ((await FindAsync(id, cancellationToken) ?? await FindChannelAsync(id, channelId, cancellationToken)) is { } denied)
        {
            return denied;
        }

        await editor.DeleteAsync(_channel!, cancellationToken);
        TempData["Flash"] = $"Deleted {_channel!.Name}.";
        return Back();
    }

    // Both empty switches the rule off.
    public async Task<IActionResult> OnPostVolumeAsync(long id, int? events, int? minutes, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var rules = db.Set<VolumeAlertRule>();
        var rule = await rules.FirstOrDefaultAsync(r => r.ProjectId == id, cancellationToken);
        if (events is null && minutes is null)
        {
            if (rule is not null)
            {
                rules.Remove(rule);
            }
        }
        else if (VolumeAlertRule.Validate(events ?? 0, minutes ?? 0) is { } error)
        {
            Errors = [error];
            return await ShowAsync(cancellationToken);
        }
        else
        {
            rule ??= rules.Add(new VolumeAlertRule { ProjectId = id }).Entity;
            rule.Events = events!.Value;
            rule.Minutes = minutes!.Value;
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Volume rule saved.";
        return Back();
    }

    private AlertChannel? _channel;

    private RedirectResult Back() => Redirect($"/projects/{Project.Id}/settings/channels/");

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Channels = await editor.ListAsync(Project.Id, cancellationToken);
        var ids = Channels.Select(c => c.Id).ToList();
        Log = await db.Set<ChannelDelivery>().AsNoTracking().Where(d => ids.Contains(d.ChannelId)).OrderByDescending(d => d.Id).Take(LogRows).ToListAsync(cancellationToken);
        Rule = await db.Set<VolumeAlertRule>().AsNoTracking().FirstOrDefaultAsync(r => r.ProjectId == Project.Id, cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> FindChannelAsync(long id, long channelId, CancellationToken cancellationToken)
    {
        _channel = await editor.FindAsync(id, channelId, cancellationToken);
        return _channel is null ? NotFound() : null;
    }

    private async Task<IActionResult?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var (project, refusal) = await access.FindManagedAsync(User, id, cancellationToken);
        Project = project!;
        return refusal;
    }
}

public sealed class NewChannelForm
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Url { get; set; }

    public string? Secret { get; set; }

    public List<string> Alerts { get; set; } = [];
}
