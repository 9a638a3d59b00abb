using Connectors.Core.WrapUp;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost.Durable;

/// <summary>The loopback address of the gRPC sidecar and the one channel the worker and the client share.</summary>
public sealed class DurableTaskSidecarChannel : IDisposable
{
    public DurableTaskSidecarChannel(IOptions<DurableEngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Port = options.Value.SidecarPort != 0 ? options.Value.SidecarPort : FreeLoopbackPort();
        Address = new Uri($"http://127.0.0.1:{Port}");
        Channel = GrpcChannel.ForAddress(Address);
    }

    public int Port { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
