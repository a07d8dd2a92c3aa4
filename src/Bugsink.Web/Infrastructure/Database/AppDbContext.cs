using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.Releases;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Infrastructure.Database;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<EventAttachment> EventAttachments => Set<EventAttachment>();

    public DbSet<IssueTag> IssueTags => Set<IssueTag>();

    public DbSet<IssueHourlyCount> IssueHourlyCounts => Set<IssueHourlyCount>();

    public DbSet<ProjectHourlyCount> ProjectHourlyCounts => Set<ProjectHourlyCount>();

    public DbSet<Grouping> Groupings => Set<Grouping>();

    public DbSet<Release> Releases => Set<Release>();

    public DbSet<DigestProgress> DigestProgress => Set<DigestProgress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    // SQLite cannot order or compare DateTimeOffset stored as text; Unix milliseconds sort and index well.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
}
