using System.Reflection;

namespace Bugsink.Web.Cli;

// The version this binary was built as. The SDK writes "1.0.0+<commit sha>" into the informational
// version when it builds from a git checkout.
public static class BuildVersion
{
    public static string Informational { get; } =
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    public static string? Commit => Informational.Split('+') is [_, var sha, ..] ? sha : null;

    public static string Describe() =>
        Commit is { } sha ? $"bugsink {Version} (commit {sha[..Math.Min(12, sha.Length)]})" : $"bugsink {Version}";
}
