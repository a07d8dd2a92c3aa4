using Bugsink.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Accounts;

public enum TeamRole
{
    Member = 0,
    Admin = 1,
}

// A user's place in a team. Members see the team's projects; team admins also manage the team.
public sealed class TeamMembership
{
    public long TeamId { get; set; }

    public Team? Team { get; set; }

    public long UserId { get; set; }

    public User? User { get; set; }

    public TeamRole Role { get; set; }

    // Null: follow the user's own setting (User.SendEmailAlerts).
    public bool? SendEmailAlerts { get; set; }
}

public sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasOne(m => m.Team).WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}
