using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Dce.Kubernetes.Outbound;

/// <summary>
/// Which cluster API servers the platform may connect to. A kubeconfig names its server, so without this policy whoever
/// joins a cluster could make the platform call its own loopback services or the cloud's metadata endpoint. The check
/// holds for the address actually connected to: <see cref="Secure"/> makes the client's handler resolve the host itself,
/// connect only to allowed addresses and never follow a redirect.
/// </summary>
public sealed class OutboundPolicy
{
    private static readonly (IPNetwork Network, string Reason)[] AlwaysRefused =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "a cloud metadata endpoint"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "a cloud metadata endpoint"),
        (IPNetwork.Parse("100.100.100.200/32"), "a cloud metadata endpoint"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
    ];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _allowed;
    private readonly IPNetwork[] _denied;

    public OutboundPolicy(IOptions<OutboundOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _allowed = Parse(settings.AllowNetworks, nameof(OutboundOptions.AllowNetworks));
        _denied = Parse(settings.DenyNetworks, nameof(OutboundOptions.DenyNetworks));
        AllowHttp = settings.AllowHttp;
    }

    /// <summary>Whether plain http servers are accepted.</summary>
    public bool AllowHttp { get; }

    /// <summary>Why <paramref name="server"/> may not be used, or null when it may (a host name is checked again when it is resolved).</summary>
    public string? CheckServer(string? server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "must be an absolute https URL of the cluster's API server.";
        }

        if (uri.Scheme == "http" && !AllowHttp)
        {
            return "must use https: plain http to a cluster is not allowed here.";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var address)
            && RefusalOf(address) is { } reason)
        {
            return $"points at {Normalize(address)}, which is refused ({reason}).";
        }

        return null;
    }

    /// <summary>Why <paramref name="address"/> may not be connected to, or null when it may.</summary>
    public string? RefusalOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Normalize(address);
        foreach (var (network, reason) in AlwaysRefused)
        {
            if (network.Contains(normalized))
            {
                return reason;
            }
        }

        if (_denied.Any(n => n.Contains(normalized)))
        {
            return "a denied network";
        }

        if (_allowed.Any(n => n.Contains(normalized)))
        {
            return null;
        }

        return Loopback.Any(n => n.Contains(normalized)) ? "loopback" : null;
    }

    /// <summary>Makes a KubernetesClient handler connect only where this policy allows, without proxy and without following redirects.</summary>
    public void Secure(HttpMessageHandler handler)
    {
        if (handler is not SocketsHttpHandler sockets)
        {
            throw new InvalidOperationException($"The cluster client's handler is a {handler?.GetType().Name}, not a SocketsHttpHandler: the outbound policy cannot be applied.");
        }

        sockets.ConnectCallback = ConnectAsync;
        sockets.AllowAutoRedirect = false;
        // A proxy would connect on our behalf, out of the policy's sight.
        sockets.UseProxy = false;
    }

    /// <summary>Resolves the host, keeps the allowed addresses and connects to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var candidates = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = candidates.Select(Normalize).Where(a => RefusalOf(a) is null).Distinct().ToList();
        if (allowed.Count == 0)
        {
            var refused = string.Join(", ", candidates.Select(a => $"{Normalize(a)} ({RefusalOf(a)})"));
            throw new OutboundRefusedException($"{host} resolves to {(refused.Length > 0 ? refused : "no address")}, which is refused.");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException error)
            {
                socket.Dispose();
                last = error;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPNetwork[] Parse(IEnumerable<string> networks, string setting) =>
        [.. networks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{OutboundOptions.Section}:{setting} holds '{n}', which is not a CIDR network such as 10.0.0.0/8."))];
}
