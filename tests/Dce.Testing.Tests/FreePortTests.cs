using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dce.LocalServers;

namespace Dce.Testing.Tests;

/// <summary>Ports chosen for servers started later stay out of the range outgoing connections take their local ports from.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void A_chosen_port_is_free_and_below_the_ephemeral_range()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralStart - 1));
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
    }

    [Fact]
    public void A_port_something_listens_on_is_never_chosen()
    {
        var taken = Enumerable.Range(0, 200).Select(_ => FreePort.Next()).Distinct().Select(port =>
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return listener;
        }).ToList();
        try
        {
            var chosen = Enumerable.Range(0, 200).Select(_ => FreePort.Next()).ToList();

            Assert.DoesNotContain(chosen, port => taken.Any(listener => ((IPEndPoint)listener.LocalEndpoint).Port == port));
        }
        finally
        {
            taken.ForEach(listener => listener.Stop());
        }
    }
}
