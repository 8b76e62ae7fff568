using System.Globalization;
using System.Net;

namespace Dce.Testing;

/// <summary>Reads the kernel's table of listening TCP sockets, to prove what a server is bound to.</summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    /// <summary>The local addresses of every socket listening on <paramref name="port"/> (IPv4 and IPv6).</summary>
    public static IReadOnlyList<IPAddress> AddressesOn(int port)
    {
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == ListenState && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    addresses.Add(Parse(local[0]));
                }
            }
        }

        return addresses;
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) order.
    private static IPAddress Parse(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
