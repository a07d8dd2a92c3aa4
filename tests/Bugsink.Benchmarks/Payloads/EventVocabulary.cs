namespace Bugsink.Benchmarks.Payloads;

// Words the generated events are made of. Groups differ by words in the exception type, never by a
// number, because the server normalises numbers (and ids, dates, durations) out of grouping keys.
public static class EventVocabulary
{
    public static readonly string[] Areas =
    [
        "Orders", "Payments", "Catalog", "Identity", "Shipping", "Search", "Notifications", "Inventory",
        "Pricing", "Reviews", "Accounts", "Invoicing", "Returns", "Loyalty", "Reporting", "Scheduling",
        "Messaging", "Storage", "Checkout", "Subscriptions",
    ];

    public static readonly string[] Problems =
    [
        "Invalid", "Missing", "Stale", "Duplicate", "Expired", "Locked", "Corrupt", "Unexpected",
        "Unavailable", "Rejected", "Pending", "Orphaned", "Throttled", "Unsigned", "Malformed", "Detached",
        "Overdue", "Frozen", "Partial", "Unknown",
    ];

    public static readonly string[] Things =
    [
        "Order", "Invoice", "Cart", "Customer", "Token", "Session", "Coupon", "Shipment", "Refund", "Product",
        "Address", "Warehouse", "Voucher", "Ledger", "Receipt", "Quote", "Basket", "Tenant", "Webhook", "Batch",
    ];

    public static readonly string[] Verbs =
    [
        "Load", "Save", "Validate", "Apply", "Resolve", "Publish", "Reserve", "Calculate", "Fetch", "Merge",
    ];

    public static readonly string[] FrameworkFrames =
    [
        "Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor+TaskOfIActionResultExecutor.Execute",
        "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker.InvokeActionMethodAsync",
        "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker.InvokeNextActionFilterAsync",
        "Microsoft.AspNetCore.Mvc.Infrastructure.ResourceInvoker.InvokeFilterPipelineAsync",
        "Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke",
        "Microsoft.AspNetCore.Authorization.AuthorizationMiddleware.Invoke",
        "Microsoft.AspNetCore.Authentication.AuthenticationMiddleware.Invoke",
        "Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1+AsyncEnumerator.MoveNextAsync",
        "Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync",
        "System.Runtime.CompilerServices.TaskAwaiter.ThrowForNonSuccess",
        "System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw",
        "Sentry.AspNetCore.SentryMiddleware.InvokeAsync",
    ];

    public static readonly string[] BreadcrumbCategories = ["http", "Microsoft.EntityFrameworkCore.Database.Command", "navigation", "app.cache", "Shop.Audit"];

    public static readonly string[] SourceLines =
    [
        "var entity = await _repository.FindAsync(id, cancellationToken);",
        "if (entity is null) throw new NotFoundException(nameof(entity), id);",
        "_logger.LogInformation(\"Processing {Id} for {Tenant}\", id, tenant);",
        "using var scope = _scopeFactory.CreateScope();",
        "var result = await _client.SendAsync(request, cancellationToken);",
        "result.EnsureSuccessStatusCode();",
        "await _db.SaveChangesAsync(cancellationToken);",
        "return Ok(new { id = entity.Id, status = entity.Status });",
        "foreach (var line in order.Lines.Where(l => l.Quantity > 0))",
        "total += line.UnitPrice * line.Quantity;",
    ];

    // Group g gets a distinct (area, problem, thing) triple: 8,000 combinations before any repeat.
    public static (string Area, string Problem, string Thing) GroupWords(int group) => (
        Areas[group % Areas.Length],
        Problems[group / Areas.Length % Problems.Length],
        Things[group / (Areas.Length * Problems.Length) % Things.Length]);

    public static int MaxDistinctGroups => Areas.Length * Problems.Length * Things.Length;
}
