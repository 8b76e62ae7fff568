namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// The images a simulated node can pull. An image pulls when its repository is known, with any tag or digest, unless
/// the reference names something missing (<c>does-not-exist</c>, <c>nonexistent</c>, <c>missing</c> or <c>invalid</c>
/// anywhere in it). Known are the public repositories below, the platform's own images (any repository in a <c>dce</c>,
/// <c>dce-platform</c> or <c>dce-system</c> namespace of any registry, as publishing and the overlays name them), and mirrors of known
/// repositories under <c>.../dce/mirror/...</c>. Any other repository fails as an unknown one does on a real node.
/// </summary>
public static class KnownImages
{
    private static readonly string[] MissingMarkers = ["does-not-exist", "doesnotexist", "nonexistent", "missing", "invalid"];

    private static readonly HashSet<string> PlatformNamespaces = new(StringComparer.Ordinal) { "dce", "dce-platform", "dce-system" };

    private static readonly HashSet<string> Repositories = new(StringComparer.Ordinal)
    {
        // Docker Hub official images.
        "docker.io/library/nginx", "docker.io/library/busybox", "docker.io/library/alpine", "docker.io/library/ubuntu",
        "docker.io/library/debian", "docker.io/library/redis", "docker.io/library/postgres", "docker.io/library/mysql",
        "docker.io/library/mariadb", "docker.io/library/mongo", "docker.io/library/rabbitmq", "docker.io/library/memcached",
        "docker.io/library/httpd", "docker.io/library/traefik", "docker.io/library/python", "docker.io/library/node",
        "docker.io/library/golang", "docker.io/library/openjdk", "docker.io/library/eclipse-temurin", "docker.io/library/registry",
        "docker.io/library/hello-world", "docker.io/library/nats", "docker.io/library/elasticsearch", "docker.io/library/haproxy",
        "docker.io/library/caddy", "docker.io/library/perl", "docker.io/library/centos", "docker.io/library/fedora",
        // Other Docker Hub publishers.
        "docker.io/otel/opentelemetry-collector", "docker.io/otel/opentelemetry-collector-contrib", "docker.io/envoyproxy/envoy",
        "docker.io/bitnami/redis", "docker.io/bitnami/postgresql", "docker.io/bitnami/kubectl", "docker.io/grafana/grafana",
        "docker.io/prom/prometheus", "docker.io/prom/alertmanager", "docker.io/curlimages/curl", "docker.io/nginxinc/nginx-unprivileged",
        "docker.io/victoriametrics/victoria-metrics", "docker.io/victoriametrics/vmalert", "docker.io/victoriametrics/vmagent",
        // Kubernetes project images.
        "registry.k8s.io/pause", "registry.k8s.io/coredns/coredns", "registry.k8s.io/kube-proxy", "registry.k8s.io/kubectl",
        "registry.k8s.io/metrics-server/metrics-server", "registry.k8s.io/etcd", "registry.k8s.io/kube-apiserver",
        "registry.k8s.io/kube-controller-manager", "registry.k8s.io/kube-scheduler", "registry.k8s.io/ingress-nginx/controller",
        "registry.k8s.io/e2e-test-images/agnhost", "registry.k8s.io/busybox", "registry.k8s.io/echoserver",
        "registry.k8s.io/kube-state-metrics/kube-state-metrics", "k8s.gcr.io/pause", "gcr.io/google-samples/hello-app",
        // Other public registries.
        "mcr.microsoft.com/dotnet/aspire-dashboard", "mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime",
        "mcr.microsoft.com/dotnet/runtime-deps", "mcr.microsoft.com/dotnet/sdk", "quay.io/prometheus/prometheus",
        "quay.io/prometheus/node-exporter", "quay.io/jetstack/cert-manager-controller", "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector",
        // Sample images of the platform's documentation and tests.
        "docker.io/library/app", "docker.io/library/api", "docker.io/library/web", "docker.io/library/worker",
        "docker.io/library/envoy", "docker.io/library/demo",
    };

    /// <summary>Why the image cannot be pulled, as containerd words it; null when it pulls.</summary>
    public static string? PullFailure(string image)
    {
        var reference = ImageReference.Parse(image);
        if (Knows(reference))
        {
            return null;
        }
        return NotFound(image);
    }

    /// <summary>containerd's words for an image whose reference resolves to nothing.</summary>
    public static string NotFound(string image)
    {
        var full = ImageReference.Parse(image).FullName;
        return $"failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found";
    }

    public static bool Knows(ImageReference reference)
    {
        if (MissingMarkers.Any(m => reference.Repository.Contains(m, StringComparison.Ordinal)
            || (reference.Tag ?? "").Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        if (Repositories.Contains(reference.Name))
        {
            return true;
        }
        var segments = reference.Repository.Split('/');
        if (segments.Length >= 2 && PlatformNamespaces.Contains(segments[^2]))
        {
            return true;
        }
        var mirror = Array.IndexOf(segments, "mirror");
        if (mirror > 0 && mirror < segments.Length - 1 && PlatformNamespaces.Contains(segments[mirror - 1]))
        {
            var upstream = string.Join('/', segments[(mirror + 1)..]);
            return Repositories.Contains($"{ImageReference.DockerHub}/{upstream}") || Repositories.Contains($"registry.k8s.io/{upstream}");
        }
        return false;
    }
}
