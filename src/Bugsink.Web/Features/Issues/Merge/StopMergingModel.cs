using System.Globalization;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues.Pages;
using Bugsink.Web.Features.Issues.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

// "Stop merging" on the survivor's page: the key's future events open a new issue again.
public sealed class StopMergingModel(ProjectAccess access, IssueMerger merger) : PageModel
{
    public IActionResult OnGet(long issueId) => Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{issueId}/"));

    public async Task<IActionResult> OnPostAsync(long issueId, long groupingId, CancellationToken ct)
    {
        if (!await access.Issues(User).AnyAsync(i => i.Id == issueId, ct))
        {
            return NotFound();
        }

        try
        {
            await merger.StopMergingAsync(issueId, groupingId, IssueText.ActorOf(User), ct);
        }
        catch (IssueNotFoundException)
        {
            return NotFound();
        }

        TempData["Flash"] = "Stopped merging that key: its next event opens a new issue.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{issueId}/#history"));
    }
}
