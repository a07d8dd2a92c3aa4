using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// What a data folder holds, in the order backup copies it.
public static class BackupLayout
{
    // inbox.db strictly before bugsink.db. The digest commits events and its watermark together on
    // bugsink.db and deletes the inbox rows afterwards, so an inbox copied first still holds every
    // event the later bugsink.db copy has not digested; the ones it has are at or below the copy's
    // watermark and are skipped on replay. Copied the other way round, events digested (and deleted
    // from the inbox) between the two copies are in neither. hangfire.db holds only jobs, rebuilt
    // or re-run as needed, so it goes last.
    public static readonly IReadOnlyList<string> Databases = [SiteOptions.InboxDatabaseFile, SiteOptions.MainDatabaseFile, SiteOptions.JobsDatabaseFile];

    public const string KeysFolder = "keys";

    public static bool IsAllowedEntryName(string name) =>
        Databases.Contains(name)
        || (name.StartsWith(KeysFolder + "/", StringComparison.Ordinal)
            && name.Length > KeysFolder.Length + 1
            && name.IndexOf('/', KeysFolder.Length + 1) < 0
            && name[(KeysFolder.Length + 1)..] is not ("." or "..")
            && !name.Contains('\\', StringComparison.Ordinal)
            && !name.Contains('\0', StringComparison.Ordinal));
}
