using Bugsink.Web.Cli;

// The same executable is the server and the CLI (DESIGN.md "Contracts"); `serve` is the default.
return await BugsinkCommandLine.RunAsync(args);
