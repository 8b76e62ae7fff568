using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dce.LocalServers;

/// <summary>
/// Finds a TCP port on 127.0.0.1 that nothing listens on, below the system's ephemeral range: a server is often started
/// well after its port was chosen, and a port from the ephemeral range can meanwhile become the local end of any
/// outgoing connection, which makes the server's bind fail.
/// </summary>
public static class FreePort
{
    private const int Lowest = 20000;
    private const int DefaultEphemeralStart = 32768;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A free loopback port outside the ephemeral range (or any free port when none is left below it).</summary>
    public static int Next()
    {
        var below = EphemeralStart();
        for (var attempt = 0; below > Lowest && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeralStart;
        }
    }
}
