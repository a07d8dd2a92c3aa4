using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Home;

// The projects are what everyone comes for; the home page is a way there.
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/projects/");
}
