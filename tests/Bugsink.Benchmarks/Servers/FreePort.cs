using System.Net;
using System.Net.Sockets;

namespace Bugsink.Benchmarks.Servers;

// Asks the OS for an unused loopback port. The port is released before the server binds it; a collision in
// that instant is possible but harmless here (the server would fail to start and say so).
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
