namespace Dce.AppHost.Publishing.Graph;

/// <summary>Environment variables that the cluster sets its own way instead of copying them from the graph.</summary>
public static class EnvironmentConventions
{
    /// <summary>The OpenTelemetry Collector's OTLP/gRPC address every service exports to.</summary>
    public const string CollectorEndpoint = "http://otel-collector:4317";

    /// <summary>
    /// The pod network whose addresses may forward a client's address (the gateway, the ingress controller): the private
    /// 10.0.0.0/8 most CNIs allocate pods from. Network policies keep other pods from reaching the services at all.
    /// </summary>
    public const string PodNetwork = "10.0.0.0/8";

    private static readonly string[] ReplacedPrefixes = ["OTEL_", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ASPNETCORE_URLS", "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_HTTPS_PORT", "DCE_MIDDLEWARE_MODE", Hosting.KubeSimResourceExtensions.KubeconfigDirectoryVariable];

    /// <summary>Whether <paramref name="name"/> is set by the publisher rather than taken from the graph: telemetry goes to the
    /// in-cluster collector, projects listen on <see cref="PortMap.ProjectHttpPort"/> only, forwarded headers are trusted
    /// as <see cref="PodNetwork"/> says (not by the host's trust-everyone switch), and the local
    /// kubeconfig folder of the simulated clusters does not exist in a cluster.</summary>
    public static bool IsReplacedInCluster(string name) =>
        ReplacedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
