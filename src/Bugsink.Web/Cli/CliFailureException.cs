namespace Bugsink.Web.Cli;

// A mistake the operator can fix (a bad setting, a missing data folder): shown as one line, exit 1,
// never as a stack trace.
public sealed class CliFailureException(string message) : Exception(message);
