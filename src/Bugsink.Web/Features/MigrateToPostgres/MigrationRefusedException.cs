namespace Bugsink.Web.Features.MigrateToPostgres;

// Why `migrate-to-postgres` will not (or could not) go on, in words for the operator; exit code 1.
public sealed class MigrationRefusedException(string message) : Exception(message);
