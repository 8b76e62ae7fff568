using System.Globalization;
using Dce.Insight.Logs;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// Container log lines as a busy set of services writes them — access logs, application INFO/WARN/ERROR lines, JSON
/// lines — in time order over a window, spread over the pods of a few clusters' namespaces; the same seed gives the same lines.
/// </summary>
public sealed class SyntheticLogLines(string clusterPrefix, DateTime from, DateTime until, int count)
{
    public const int Clusters = 4;
    public const int NamespacesPerCluster = 10;
    public const int PodsPerNamespace = 25;
    private static readonly string[] Services = ["orders", "payments", "inventory", "catalog", "checkout"];
    private static readonly string[] Paths = ["/api/v1/orders", "/api/v1/cart", "/api/v1/products", "/healthz", "/metrics", "/api/v1/payments"];
    private readonly Random _random = new(42);

    public string Cluster(int index) => $"{clusterPrefix}-{index}";

    /// <summary>The lines in batches of <paramref name="batchSize"/>, oldest first.</summary>
    public IEnumerable<List<LogLine>> Batches(int batchSize)
    {
        var spacing = (until - from).Ticks / count;
        var batch = new List<LogLine>(batchSize);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Line(from.AddTicks(spacing * i)));
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<LogLine>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private LogLine Line(DateTime time)
    {
        var cluster = _random.Next(Clusters);
        var ns = _random.Next(NamespacesPerCluster);
        var pod = _random.Next(PodsPerNamespace);
        var service = Services[(ns + pod) % Services.Length];
        var workload = $"{service}-{pod % 5}";
        return new LogLine(time, Cluster(cluster), $"team-{ns}", $"{workload}-5d8f9c7b4-{pod:D2}x{ns}q", service, "Deployment", workload,
            $"worker-{(ns * PodsPerNamespace + pod) % 20:D2}", "combined", Message(time, service));
    }

    private string Message(DateTime time, string service)
    {
        var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var id = _random.Next(1_000_000, 9_999_999);
        var ms = _random.Next(1, 900);
        var thread = _random.Next(1, 200);
        return (_random.Next(1000)) switch
        {
            < 400 => string.Create(CultureInfo.InvariantCulture,
                $"10.244.{_random.Next(256)}.{_random.Next(1, 255)} - - [{time:dd/MMM/yyyy:HH:mm:ss} +0000] \"{(id % 4 == 0 ? "POST" : "GET")} {Paths[id % Paths.Length]}/{id} HTTP/1.1\" {(id % 50 == 0 ? 404 : 200)} {_random.Next(120, 48_000)} \"-\" \"Go-http-client/1.1\" {ms}ms"),
            < 680 => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} INFO  [http-nio-8080-exec-{thread}] c.s.{service}.{char.ToUpperInvariant(service[0])}{service[1..]}Service : request {id} handled for customer {id % 977} in {ms} ms"),
            < 880 => string.Create(CultureInfo.InvariantCulture,
                $"{{\"level\":\"info\",\"ts\":\"{stamp}\",\"msg\":\"request completed\",\"service\":\"{service}\",\"path\":\"{Paths[id % Paths.Length]}\",\"status\":200,\"duration_ms\":{ms}}}"),
            < 930 => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} DEBUG [scheduler-{thread % 4}] c.s.{service}.Cache : cache refreshed, {id % 5000} keys, hit ratio 0.{ms % 100:D2}"),
            < 955 => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} WARN  [pool-2-thread-{thread}] c.s.{service}.Client : retrying request {id} after 503 from payments-gateway (attempt {id % 3 + 1}/3)"),
            < 970 => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} ERROR [http-nio-8080-exec-{thread}] c.s.{service}.Repository : query timeout after 30000 ms on {service}-db:5432 (request {id})"),
            < 980 => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} ERROR [lettuce-nioEventLoop-4-{thread % 8}] dial tcp 10.96.{id % 256}.{ms % 256}:6379: connect: connection refused (redis-cache)"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{stamp} ERROR [consumer-{thread % 6}] c.s.{service}.Listener : failed to process message {id} from queue {service}.created: invalid payload"),
        };
    }
}
