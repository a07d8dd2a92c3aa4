namespace Bugsink.Web.Features.Backup;

// A refusal or failure the operator can act on; the commands print its message as one line and exit 1.
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
