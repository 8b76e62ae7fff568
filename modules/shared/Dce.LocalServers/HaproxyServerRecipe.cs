namespace Dce.LocalServers;

/// <summary>
/// haproxy from the OS packages: an HTTP entry on 127.0.0.1 balancing a set of backends (the gateway replicas). It checks
/// each backend's <c>/ready</c> (serving, not stopping) every half second, cuts the sessions of a backend marked down, and retries a request whose
/// connection failed on another backend, so a killed or draining backend costs no request.
/// </summary>
public sealed class HaproxyServerRecipe(ServerFolder folder, int port, IReadOnlyList<(string Name, int Port)> backends)
{
    private const string Binary = "/usr/sbin/haproxy";

    /// <summary>The port the entry listens on.</summary>
    public int Port => port;

    /// <summary>Writes the configuration and answers how to start haproxy in the foreground.</summary>
    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("haproxy", "haproxy");
        }

        var config = folder.WriteSecretFile("haproxy.cfg", Configuration());
        return new ServerLaunch(Binary, ["-db", "-f", config], new Dictionary<string, string>(), folder.Path);
    }

    /// <summary>The configuration file's text.</summary>
    public string Configuration() => string.Join('\n',
    [
        "global",
        "  maxconn 4096",
        "defaults",
        "  mode http",
        "  timeout connect 2s",
        "  timeout client 5m",
        "  timeout server 5m",
        "  timeout http-keep-alive 10s",
        // A websocket (the console's interactive connection) is a tunnel after its upgrade: Blazor pings it every 15 s.
        "  timeout tunnel 1h",
        "  option http-server-close",
        "  retries 3",
        // A request is retried only from haproxy's buffer: take it whole before choosing a gateway.
        "  option http-buffer-request",
        "  option redispatch 1",
        // A request that never reached a backend, or got nothing back, may go to another; only idempotent or keyed ones get the latter.
        "  retry-on conn-failure empty-response 503",
        "frontend entry",
        $"  bind 127.0.0.1:{port}",
        "  http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS || { method PUT DELETE } || { req.hdr(idempotency-key) -m found }",
        "  default_backend gateways",
        "backend gateways",
        "  balance roundrobin",
        "  option httpchk GET /ready",
        "  http-check expect status 200",
        "  default-server check inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2 on-marked-down shutdown-sessions",
        .. backends.Select(backend => $"  server {backend.Name} 127.0.0.1:{backend.Port}"),
        string.Empty,
    ]);
}
