using System.Diagnostics;
using System.Globalization;

namespace Dce.LocalServers;

/// <summary>The Erlang port mapper a RabbitMQ node starts on its own port, which stays when the node stops.</summary>
public static class EpmdDaemon
{
    /// <summary>Stops the port mapper listening on <paramref name="port"/>; nothing happens when none runs there.</summary>
    public static async Task StopAsync(int port, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("epmd", ["-port", port.ToString(CultureInfo.InvariantCulture), "-kill"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var epmd = Process.Start(start);
            if (epmd is not null)
            {
                await epmd.WaitForExitAsync(cancellationToken);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epmd binary: no RabbitMQ from the OS packages ran either.
        }
    }
}
