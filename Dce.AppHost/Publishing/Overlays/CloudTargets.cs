using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Publishing.Overlays;

/// <summary>
/// The seven targets. Registries are placeholders of the usual shape per cloud; set
/// <c>Dce:Kubernetes:Clouds:&lt;name&gt;:Registry</c> (or StorageClass, IngressClass) when publishing to use real ones.
/// </summary>
public static class CloudTargets
{
    private static readonly Dictionary<string, string> None = [];

    /// <summary>The targets with configuration overrides applied; <c>Dce:Kubernetes:Targets</c> (comma-separated) keeps only those named.</summary>
    public static IReadOnlyList<CloudTarget> All(IConfiguration configuration)
    {
        var only = configuration["Dce:Kubernetes:Targets"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return Defaults()
            .Where(target => only is null || only.Contains(target.Name, StringComparer.Ordinal))
            .Select(target => Configure(target, configuration))
            .ToList();
    }

    private static IEnumerable<CloudTarget> Defaults()
    {
        yield return new CloudTarget("aws", "123456789012.dkr.ecr.us-east-1.amazonaws.com/dce", "gp3", "alb",
            new Dictionary<string, string>
            {
                ["alb.ingress.kubernetes.io/scheme"] = "internet-facing",
                ["alb.ingress.kubernetes.io/target-type"] = "ip",
                ["alb.ingress.kubernetes.io/healthcheck-path"] = "/alive",
            },
            None);
        yield return new CloudTarget("azure", "dceplatform.azurecr.io/dce", "managed-csi-premium", "webapprouting.kubernetes.azure.com",
            new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/proxy-body-size"] = "16m" },
            None);
        yield return new CloudTarget("gcp", "us-docker.pkg.dev/dce-platform/dce", "premium-rwo", "gce",
            new Dictionary<string, string> { ["kubernetes.io/ingress.allow-http"] = "false" },
            None);
        yield return new CloudTarget("openshift", "image-registry.openshift-image-registry.svc:5000/dce-system", "ocs-storagecluster-ceph-rbd", "openshift-default",
            new Dictionary<string, string> { ["route.openshift.io/termination"] = "edge" },
            None, AssignsUserIds: true);
        yield return new CloudTarget("vmware", "harbor.vsphere.local/dce", "vsphere-csi", "nginx",
            new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/ssl-redirect"] = "true" },
            None);
        yield return new CloudTarget("onprem-arm64", "harbor.dce.local/dce", "local-path", "nginx",
            new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/ssl-redirect"] = "true" },
            new Dictionary<string, string> { ["kubernetes.io/arch"] = "arm64" },
            MirrorsThirdPartyImages: true);
        yield return new CloudTarget("edge", "registry.edge.local/dce", "local-path", "traefik",
            None,
            new Dictionary<string, string> { ["node-role.kubernetes.io/edge"] = "" },
            MirrorsThirdPartyImages: true, Small: true);
    }

    private static CloudTarget Configure(CloudTarget target, IConfiguration configuration)
    {
        var section = configuration.GetSection($"Dce:Kubernetes:Clouds:{target.Name}");
        return target with
        {
            Registry = section["Registry"] ?? target.Registry,
            StorageClass = section["StorageClass"] ?? target.StorageClass,
            IngressClass = section["IngressClass"] ?? target.IngressClass,
        };
    }
}
