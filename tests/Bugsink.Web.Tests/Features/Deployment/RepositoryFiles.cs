namespace Bugsink.Web.Tests.Features.Deployment;

// The deployment files (deploy/, docker-compose.yml) are checked as they are in the repository,
// found by walking up from the test binaries to Bugsink.sln.
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Bugsink.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bugsink.sln not found above " + AppContext.BaseDirectory);
    }
}
