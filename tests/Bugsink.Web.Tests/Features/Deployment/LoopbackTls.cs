using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bugsink.Web.Tests.Features.Deployment;

// A self-signed certificate for nginx on 127.0.0.1, and an HTTP handler that trusts exactly that
// certificate and connects from another loopback address (127.0.0.2), so the proxy's client and the
// proxy itself (127.0.0.1) are told apart in what Bugsink records.
public sealed class LoopbackTls
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private readonly string _thumbprint;

    public LoopbackTls(string folder)
    {
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        _thumbprint = certificate.Thumbprint;
        CertificatePath = Path.Combine(folder, "fullchain.pem");
        KeyPath = Path.Combine(folder, "privkey.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public SocketsHttpHandler NewHandler(bool followRedirects = true) => new()
    {
        AllowAutoRedirect = followRedirects,
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(ClientAddress, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _thumbprint },
    };
}
