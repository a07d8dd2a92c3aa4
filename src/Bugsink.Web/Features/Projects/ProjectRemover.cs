using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

// Deleting a project only marks it: its key stops working at once (here, and in the ingest key cache)
// and it disappears from every page and API list; removing its rows is background work (DeleteProjectJob),
// because a project can hold millions of events and a page request must not hold the write lock that long.
public sealed class ProjectRemover(AppDbContext db, ProjectKeyCache keys, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task DeleteAsync(Project project, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Projects.Where(p => p.Id == project.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, now).SetProperty(p => p.IsEnabled, false), cancellationToken);
        keys.Forget(project.PublicKey);
        jobs.Enqueue<DeleteProjectJob>(job => job.RunAsync(project.Id, CancellationToken.None));
    }
}
