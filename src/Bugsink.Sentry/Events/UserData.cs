namespace Bugsink.Sentry.Events;

public sealed record UserData(string? Id, string? Email, string? IpAddress, string? Username);
