using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Merge;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.Releases;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bugsink.Web.Infrastructure.Database;

// The one context for bugsink.db. Entity configurations live beside their entities in the feature
// folders and are picked up from the assembly. On PostgreSQL the services hand out PostgresAppDbContext,
// the same model with its own migrations (Engines/PostgresAppDbContext.cs).
public class AppDbContext : IdentityDbContext<User, IdentityRole<long>, long>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<IssueHistoryEntry> IssueHistory => Set<IssueHistoryEntry>();

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<EventAttachment> EventAttachments => Set<EventAttachment>();

    public DbSet<IssueTag> IssueTags => Set<IssueTag>();

    public DbSet<IssueHourlyCount> IssueHourlyCounts => Set<IssueHourlyCount>();

    public DbSet<ProjectHourlyCount> ProjectHourlyCounts => Set<ProjectHourlyCount>();

    public DbSet<Grouping> Groupings => Set<Grouping>();

    public DbSet<IssueMerge> IssueMerges => Set<IssueMerge>();

    public DbSet<Release> Releases => Set<Release>();

    public DbSet<DigestProgress> DigestProgress => Set<DigestProgress>();

    public DbSet<AlertRequest> AlertRequests => Set<AlertRequest>();

    public DbSet<EmailLogEntry> EmailLog => Set<EmailLogEntry>();

    // The keys behind session cookies, reset links, antiforgery tokens and channel secrets, shared by every
    // node on PostgreSQL (Database/Engines/DatabaseSetup.PersistKeysPerEngine). Empty on SQLite, whose keys
    // stay as files in the data folder where existing installations have them.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Identity builds its tables for IdentityOptions.Stores.SchemaVersion, read from the application's
    // services; version 3 has AspNetUserPasskeys (the server sets it in Accounts/Security/SecurityModule).
    // A context built without application services (the design-time factory, a test's or the restore
    // check's bare context) gets the same version here, so that every context sees one model.
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider IdentitySchemaServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchema)
        .BuildServiceProvider();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
            optionsBuilder.UseApplicationServiceProvider(IdentitySchemaServices);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    // SQLite cannot order or compare DateTimeOffset stored as text; Unix milliseconds sort and index well.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
}
