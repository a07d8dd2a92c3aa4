using System.Security.Cryptography;
using Bugsink.E2E;

// Starts a real Bugsink server, runs each SDK program of tests/e2e against it, checks what the server
// stored, and prints one line per SDK per scenario item, then "E2E: N passed, N failed".
var runId = "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args, runId);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

try
{
    return await E2ERun.RunAsync(options, runId);
}
catch (Exception exception) when (exception is InvalidOperationException or IOException or TimeoutException or HttpRequestException)
{
    // The run itself broke (server did not start, a CLI command failed…): one failure, said plainly.
    Console.WriteLine($"E2E could not run: {exception}");
    Console.WriteLine("E2E: 0 passed, 1 failed");
    return 1;
}
