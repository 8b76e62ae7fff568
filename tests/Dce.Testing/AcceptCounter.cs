using System.Net;
using System.Net.Sockets;

namespace Dce.Testing;

/// <summary>A TCP listener that only counts the connections it accepts: proof that nothing connected.</summary>
public sealed class AcceptCounter : IDisposable
{
    private readonly TcpListener _listener;
    private int _accepted;

    public AcceptCounter(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public void Dispose() => _listener.Stop();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }
    }
}
