namespace Bugsink.Web.Features.MigrateToPostgres;

// Whether another process has a SQLite database in WAL mode open. Every connection to such a database holds a
// shared POSIX lock on one byte of its -shm file (the "DMS" byte, offset 128 in SQLite's unix VFS) for as long
// as it is open; a server, even an idle one, keeps pooled connections. If we can take that byte for writing,
// no other process has the file open. POSIX locks are per process, so this cannot see our own connections:
// call it before opening the database.
public static class SqliteInUse
{
    private const long DeadManSwitchByte = 128;

    public static bool ByAnotherProcess(string databasePath)
    {
        var shm = databasePath + "-shm";
        if (OperatingSystem.IsMacOS())
        {
            // .NET offers no region locks there; the operator's word that the server is stopped must do.
            return false;
        }

        if (!File.Exists(shm))
        {
            // No shared-memory file: nobody has it open in WAL mode (the last connection to close removes it).
            return false;
        }

        using var stream = new FileStream(shm, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            stream.Lock(DeadManSwitchByte, 1);
        }
        catch (IOException)
        {
            return true;
        }

        stream.Unlock(DeadManSwitchByte, 1);
        return false;
    }
}
