using Bugsink.Web.Cli;
using Microsoft.Extensions.Configuration.Json;

namespace Bugsink.Web.Infrastructure.Configuration;

// Settings files an operator edits. The build's own appsettings.json lies in the content root, which
// for the single binary is the folder it unpacks itself into (under ~/.net), not where the operator
// put it; so an appsettings.json beside the executable, and the file BUGSINK_CONFIG names, are read
// too, after the build's defaults and before environment variables and the command line.
public static class SettingsFiles
{
    public const string Variable = "BUGSINK_CONFIG";

    public static void AddOperatorFiles(ConfigurationManager configuration, string? processPath, string contentRoot)
    {
        var files = new List<(string Path, bool Optional)>();
        var besideBinary = Path.GetDirectoryName(processPath ?? "");
        if (!string.IsNullOrEmpty(besideBinary) && !SameFolder(besideBinary, contentRoot))
        {
            files.Add((Path.Combine(besideBinary, "appsettings.json"), true));
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            // Named on purpose, so a missing file is a mistake worth stopping for.
            var path = Path.GetFullPath(named);
            if (!File.Exists(path))
            {
                throw new CliFailureException($"{Variable} names {path}, which does not exist.");
            }

            files.Add((path, false));
        }

        var insertAt = LastJsonSourceIndex(configuration) + 1;
        foreach (var (path, optional) in files)
        {
            var source = new JsonConfigurationSource { Path = path, Optional = optional, ReloadOnChange = false };
            source.ResolveFileProvider();
            configuration.Sources.Insert(insertAt++, source);
        }
    }

    private static int LastJsonSourceIndex(ConfigurationManager configuration)
    {
        var last = -1;
        for (var i = 0; i < configuration.Sources.Count; i++)
        {
            last = configuration.Sources[i] is JsonConfigurationSource ? i : last;
        }

        return last;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
