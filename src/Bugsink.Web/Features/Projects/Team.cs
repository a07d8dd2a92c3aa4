using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Projects;

public sealed class Team
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public List<Project> Projects { get; } = [];
}

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
    }
}
