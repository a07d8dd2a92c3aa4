using System.Runtime.CompilerServices;

namespace Bugsink.E2E.WebApp;

// The endpoint that fails. Named methods, kept out of line, so the stack trace has stable function names.
public sealed partial class CheckoutEndpoint
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IResult Handle(int cartId, string marker, ILogger<CheckoutEndpoint> logger)
    {
        SentrySdk.ConfigureScope(scope =>
        {
            scope.User = new SentryUser { Id = "e2e-user-42", Email = "e2e-user@example.com", Username = "e2e-user" };
            scope.SetTag("e2e.sdk", Environment.GetEnvironmentVariable("E2E_SDK") ?? "aspnetcore");
            scope.SetTag("e2e.marker", marker);
            scope.SetTag("team", "e2e-backend");
        });
        SentrySdk.AddBreadcrumb($"E2E breadcrumb one {marker}", "e2e.step", level: BreadcrumbLevel.Info);
        SentrySdk.AddBreadcrumb($"E2E breadcrumb two {marker}", "e2e.step", level: BreadcrumbLevel.Warning);

        // The logging integration turns an error log into an event that keeps the template and its values.
        using (SentrySdk.PushScope())
        {
            SentrySdk.ConfigureScope(scope => scope.SetTag("e2e_case", "message"));
            LogCheckoutProblem(logger, marker, "alice", cartId);
        }

        SentrySdk.ConfigureScope(scope => scope.SetTag("e2e_case", "unhandled"));
        ChargeCard(cartId, marker);
        return Results.Ok();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ChargeCard(int cartId, string marker) =>
        throw new InvalidOperationException($"E2E unhandled failure {marker} in cart {cartId}");

    [LoggerMessage(Level = LogLevel.Error, Message = "E2E message {Marker} for {User} with {CartId} items")]
    private static partial void LogCheckoutProblem(ILogger logger, string marker, string user, int cartId);
}
