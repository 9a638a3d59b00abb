using System.Net;
using System.Net.Sockets;

namespace Connectors.Tests.Fakes;

public static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago): for "the service is down".</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
