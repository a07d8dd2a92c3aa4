using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

// Creates a project (and its team when new) with a fresh public key: for the CLI and the project pages.
public sealed class ProjectCreator(AppDbContext db, TimeProvider time)
{
    public const string DefaultTeam = "Default";

    public async Task<Project> CreateAsync(string name, string? teamName, CancellationToken cancellationToken)
    {
        teamName = string.IsNullOrWhiteSpace(teamName) ? DefaultTeam : teamName.Trim();
        var team = await FindOrCreateTeamAsync(teamName, cancellationToken);
        return await CreateInTeamAsync(team.Id, name, cancellationToken);
    }

    // Two CLI processes may create the same new team at once: the loser of the unique index takes the winner's row.
    private async Task<Team> FindOrCreateTeamAsync(string teamName, CancellationToken cancellationToken)
    {
        if (await db.Teams.FirstOrDefaultAsync(t => t.Name == teamName, cancellationToken) is { } existing)
        {
            return existing;
        }

        var team = new Team { Name = teamName };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return team;
        }
        catch (DbUpdateException)
        {
            db.Entry(team).State = EntityState.Detached;
            return await db.Teams.FirstAsync(t => t.Name == teamName, cancellationToken);
        }
    }

    // For the project pages: the team exists and the caller may manage it (ProjectAccess).
    public async Task<Project> CreateInTeamAsync(long teamId, string name, CancellationToken cancellationToken)
    {
        var project = new Project
        {
            Name = name.Trim(),
            Slug = SlugFor(name),
            PublicKey = NewPublicKey(),
            CreatedAt = time.GetUtcNow(),
            TeamId = teamId,
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
