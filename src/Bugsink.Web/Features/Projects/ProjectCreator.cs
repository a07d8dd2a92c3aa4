using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

// Creates a project (and its team when new) with a fresh public key. Shared by the CLI now and the
// project pages later.
public sealed class ProjectCreator(AppDbContext db, TimeProvider time)
{
    public const string DefaultTeam = "Default";

    public async Task<Project> CreateAsync(string name, string? teamName, CancellationToken cancellationToken)
    {
        teamName = string.IsNullOrWhiteSpace(teamName) ? DefaultTeam : teamName.Trim();
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == teamName, cancellationToken) ?? new Team { Name = teamName };
        var project = new Project
        {
            Name = name.Trim(),
            Slug = SlugFor(name),
            PublicKey = NewPublicKey(),
            CreatedAt = time.GetUtcNow(),
            Team = team,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    // 32 lowercase hex characters: what Relay and every SDK's DSN parser accept (PROTOCOL.md §1.2).
    public static string NewPublicKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string SlugFor(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToUpperInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) && slug.Length < 12)
            {
                slug.Append(c);
            }
        }

        return slug.Length == 0 ? "PROJECT" : slug.ToString();
    }
}
