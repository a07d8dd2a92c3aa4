namespace Bugsink.Web.Tests.Infrastructure;

// Hangfire's JobStorage.Current is process-wide: tests that start a server run one at a time.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialServers
{
    public const string Name = "server";
}
