using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Home;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
