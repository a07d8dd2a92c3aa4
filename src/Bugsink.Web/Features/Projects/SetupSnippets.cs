namespace Bugsink.Web.Features.Projects;

public sealed record SetupSnippet(string Id, string Platform, string Install, string Code);

// Minimal, copy-ready SDK set-up per platform with the project's DSN filled in. Every official Sentry
// SDK also reads the SENTRY_DSN environment variable, which the page mentions first.
public static class SetupSnippets
{
    public static IReadOnlyList<SetupSnippet> For(string dsn) =>
    [
        new("dotnet", ".NET", "dotnet add package Sentry", $$"""
            // Program.cs: as early as possible
            using var sentry = SentrySdk.Init(options =>
            {
                options.Dsn = "{{dsn}}";
                options.Release = "my-app@1.0.0"; // lets Bugsink tell regressions apart
            });

            // ASP.NET Core instead: builder.WebHost.UseSentry("{{dsn}}");
            """),
        new("python", "Python", "pip install sentry-sdk", $$"""
            import sentry_sdk

            sentry_sdk.init(
                dsn="{{dsn}}",
                release="my-app@1.0.0",
            )
            """),
        new("browser", "JavaScript (browser)", "npm install @sentry/browser", $$"""
            import * as Sentry from "@sentry/browser";

            Sentry.init({
              dsn: "{{dsn}}",
              release: "my-app@1.0.0",
            });
            """),
        new("node", "JavaScript (Node.js)", "npm install @sentry/node", $$"""
            // instrument.js, loaded before the rest of the app
            const Sentry = require("@sentry/node");

            Sentry.init({
              dsn: "{{dsn}}",
              release: "my-app@1.0.0",
            });
            """),
        new("go", "Go", "go get github.com/getsentry/sentry-go", $$"""
            err := sentry.Init(sentry.ClientOptions{
                Dsn:     "{{dsn}}",
                Release: "my-app@1.0.0",
            })
            if err != nil {
                log.Fatalf("sentry.Init: %s", err)
            }
            defer sentry.Flush(2 * time.Second)
            """),
        new("php", "PHP", "composer require sentry/sentry", $$"""
            \Sentry\init([
                'dsn' => '{{dsn}}',
                'release' => 'my-app@1.0.0',
            ]);
            """),
        new("java", "Java", "implementation 'io.sentry:sentry:8.+'   // Gradle; Maven: io.sentry:sentry", $$"""
            import io.sentry.Sentry;

            Sentry.init(options -> {
                options.setDsn("{{dsn}}");
                options.setRelease("my-app@1.0.0");
            });
            """),
    ];
}
