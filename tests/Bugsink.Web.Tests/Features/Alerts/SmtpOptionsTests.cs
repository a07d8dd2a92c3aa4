using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Tests.Features.Alerts;

// BUGSINK_SMTP_* as people write them: defaults that follow from each other, and a clear refusal of nonsense.
[Collection(SequentialServers.Name)]
public sealed class SmtpOptionsTests
{
    [Theory]
    [InlineData(null, null, SmtpSecurity.StartTls, 587)]
    [InlineData(null, 465, SmtpSecurity.Ssl, 465)]
    [InlineData("ssl", null, SmtpSecurity.Ssl, 465)]
    [InlineData("SSL", 2465, SmtpSecurity.Ssl, 2465)]
    [InlineData("starttls", 25, SmtpSecurity.StartTls, 25)]
    [InlineData(" none ", null, SmtpSecurity.None, 25)]
    public void SecurityAndPort_DefaultFromEachOther(string? security, int? port, SmtpSecurity expectedSecurity, int expectedPort)
    {
        var options = new SmtpOptions { Host = "mail.example.com", Security = security, Port = port };
        Assert.True(options.HasKnownSecurity);
        Assert.Equal(expectedSecurity, options.EffectiveSecurity);
        Assert.Equal(expectedPort, options.EffectivePort);
    }

    [Theory]
    [InlineData("alerts@example.com", "me@example.com", "alerts@example.com")]
    [InlineData(null, "me@example.com", "me@example.com")]
    [InlineData(null, "apikey", "Bugsink <bugsink@errors.example.com>")]
    [InlineData(null, null, "Bugsink <bugsink@errors.example.com>")]
    public void From_FallsBackToTheUserThenTheBaseUrlHost(string? from, string? user, string expected) =>
        Assert.Equal(expected, new SmtpOptions { From = from, User = user }.EffectiveFrom("https://errors.example.com/bugsink"));

    // "tls" was silently taken as ssl; it is ambiguous (most tools mean STARTTLS), so it is refused.
    [Theory]
    [InlineData("tls1.3")]
    [InlineData("tls")]
    public async Task UnknownSecurity_StopsTheServerAtStartNamingTheValueAndTheChoices(string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await (await BugsinkTestServer.StartAsync("--Bugsink:Smtp:Host=127.0.0.1", $"--Bugsink:Smtp:Security={value}")).DisposeAsync());
        Assert.Contains($"BUGSINK_SMTP_SECURITY (Bugsink:Smtp:Security) is '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("none, starttls", error.Message, StringComparison.Ordinal);
    }
}
