using System.Net;
using System.Net.Sockets;

namespace Bugsink.Web.Tests.Infrastructure;

public static class LoopbackPort
{
    // Bind to port 0, read what the OS chose, release it for the server (a small race, fine on loopback).
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
