namespace Bugsink.Web.Cli;

// How the operator can run another command of this same binary, as they started it: the hint the
// server prints at start must be one they can paste (`./bugsink …`, `dotnet bugsink.dll …` in the
// Docker image, `dotnet run --project …` from a checkout).
public static class InvocationHint
{
    public static string Command(string arguments) => $"{Prefix(Environment.ProcessPath, AppContext.BaseDirectory, Environment.CurrentDirectory)} {arguments}";

    internal static string Prefix(string? processPath, string baseDirectory, string currentDirectory)
    {
        var host = Path.GetFileNameWithoutExtension(processPath ?? "");
        if (!string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // The apphost or the single binary: its path as typed from here (or its name when on PATH).
            return processPath is null ? "bugsink" : ShellPath(processPath, currentDirectory);
        }

        // Under bin/<Configuration>/<framework>/ of a checkout: the project is three folders up.
        var project = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", ".."));
        if (File.Exists(Path.Combine(project, "Bugsink.Web.csproj")))
        {
            return $"dotnet run --project {Relative(project, currentDirectory)} --";
        }

        return $"dotnet {Relative(Path.Combine(baseDirectory, "bugsink.dll"), currentDirectory)}";
    }

    private static string ShellPath(string path, string currentDirectory)
    {
        var folder = Path.GetDirectoryName(path) ?? "";
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(entry => entry.Length > 0 && string.Equals(Path.GetFullPath(entry).TrimEnd('/'), folder.TrimEnd('/'), StringComparison.Ordinal));
        if (onPath)
        {
            return Path.GetFileName(path);
        }

        var relative = Relative(path, currentDirectory);
        return relative.Contains('/', StringComparison.Ordinal) ? relative : "./" + relative;
    }

    private static string Relative(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) && Path.IsPathRooted(path) ? path : relative;
    }
}
