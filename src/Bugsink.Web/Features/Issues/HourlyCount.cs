using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

// Events per hour for the sparklines and charts. Hour is Unix time divided by 3600.
public sealed class IssueHourlyCount
{
    public long IssueId { get; set; }

    public long Hour { get; set; }

    public long Count { get; set; }
}

public sealed class ProjectHourlyCount
{
    public long ProjectId { get; set; }

    public long Hour { get; set; }

    public long Count { get; set; }
}

public sealed class HourlyCountConfiguration : IEntityTypeConfiguration<IssueHourlyCount>, IEntityTypeConfiguration<ProjectHourlyCount>
{
    public void Configure(EntityTypeBuilder<IssueHourlyCount> builder) => builder.HasKey(c => new { c.IssueId, c.Hour });

    public void Configure(EntityTypeBuilder<ProjectHourlyCount> builder) => builder.HasKey(c => new { c.ProjectId, c.Hour });
}
