namespace Bugsink.E2E.Checks;

// The server's own log over the whole run: an error there (a failed digest or alert job, an exception in
// a request) fails one item even when every SDK was answered 200.
public static class ServerLogCheck
{
    public static CheckResult Evaluate(string logPath)
    {
        var lines = File.ReadAllLines(logPath);
        var problems = lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))
            .Select(l => $"server log: {l}").Take(10).ToList();
        return new CheckResult("server", "no error in the server log", problems.Count == 0, problems);
    }
}
