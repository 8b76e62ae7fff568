using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Kustomize;

namespace Dce.AppHost.Publishing.Overlays;

/// <summary>Writes <c>overlays/&lt;cloud&gt;/</c>: the base with the target's images, storage, ingress, placement and sizes.</summary>
public static class OverlayManifests
{
    private static readonly string[] PodKinds = ["Deployment", "StatefulSet", "Job"];

    /// <summary>Adds one overlay per target.</summary>
    public static void Add(ManifestSet manifests, PublishedGraph graph, KubernetesPublishOptions options, IEnumerable<CloudTarget> targets)
    {
        foreach (var target in targets)
        {
            var folder = $"overlays/{target.Name}";
            var kustomization = Kustomization.Of("../../base");
            kustomization.Images = Images(graph, options, target).ToList();
            kustomization.Patches = [];

            manifests.AddDocument($"{folder}/patches/ingress.yaml", OverlayPatches.Ingress(target));
            kustomization.Patches.Add(Patch("patches/ingress.yaml", "Ingress"));

            foreach (var middleware in graph.OfKind(WorkloadKind.Middleware).Where(workload => workload.DataPaths.Count > 0))
            {
                var path = $"patches/{middleware.Name}-storage.yaml";
                manifests.AddDocument($"{folder}/{path}", OverlayPatches.Storage(middleware, target));
                kustomization.Patches.Add(Patch(path, "StatefulSet", middleware.Name));
            }

            var pods = OverlayPatches.Pods(target);
            if (pods.Count > 0)
            {
                manifests.AddDocument($"{folder}/patches/pods.yaml", pods);
                foreach (var kind in PodKinds)
                {
                    kustomization.Patches.Add(Patch("patches/pods.yaml", kind));
                }
            }

            if (target.Small)
            {
                AddSmallFootprint(manifests, graph, folder, kustomization);
            }

            manifests.AddDocument($"{folder}/kustomization.yaml", kustomization);
        }
    }

    private static void AddSmallFootprint(ManifestSet manifests, PublishedGraph graph, string folder, Kustomization kustomization)
    {
        manifests.AddDocument($"{folder}/patches/single-replica.yaml", OverlayPatches.SingleReplica());
        manifests.AddDocument($"{folder}/patches/autoscaler.yaml", OverlayPatches.SmallAutoscaler());
        foreach (var service in graph.OfKind(WorkloadKind.Service))
        {
            kustomization.Patches!.Add(Patch("patches/single-replica.yaml", "Deployment", service.Name));
            kustomization.Patches.Add(Patch("patches/autoscaler.yaml", "HorizontalPodAutoscaler", service.Name));
        }

        foreach (var workload in graph.Workloads)
        {
            var path = $"patches/{workload.Name}-size.yaml";
            manifests.AddDocument($"{folder}/{path}", OverlayPatches.HalfSize(workload));
            kustomization.Patches!.Add(Patch(path, workload.Kind switch
            {
                WorkloadKind.Service or WorkloadKind.Alertmanager => "Deployment",
                WorkloadKind.Job => "Job",
                _ => "StatefulSet",
            }, workload.Name));
        }
    }

    private static IEnumerable<KustomizeImage> Images(PublishedGraph graph, KubernetesPublishOptions options, CloudTarget target)
    {
        var projectImages = graph.Workloads.Where(workload => workload.Kind is WorkloadKind.Service or WorkloadKind.Job)
            .Select(workload => ImageName(workload.Image))
            .Distinct(StringComparer.Ordinal);
        foreach (var image in projectImages.Order(StringComparer.Ordinal))
        {
            yield return new KustomizeImage { Name = image, NewName = $"{target.Registry}/{image[(options.Registry.Length + 1)..]}" };
        }

        if (!target.MirrorsThirdPartyImages)
        {
            yield break;
        }

        var thirdParty = graph.Workloads.Where(workload => workload.Kind is WorkloadKind.Middleware or WorkloadKind.Alertmanager)
            .Select(workload => ImageName(workload.Image))
            .Concat(graph.Workloads.SelectMany(workload => workload.Sidecars).Select(sidecar => ImageName(sidecar.Image)))
            .Append(ImageName(OpenTelemetryCollectorFactory.Image))
            .Append(ImageName(MigrationWait.KubectlImage))
            .Distinct(StringComparer.Ordinal);
        foreach (var image in thirdParty.Order(StringComparer.Ordinal))
        {
            yield return new KustomizeImage { Name = image, NewName = $"{target.Registry}/mirror/{image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..]}" };
        }
    }

    /// <summary>An image without its tag or digest.</summary>
    public static string ImageName(string image)
    {
        var digest = image.IndexOf('@', StringComparison.Ordinal);
        if (digest >= 0)
        {
            return image[..digest];
        }

        var tag = image.LastIndexOf(':');
        return tag > image.LastIndexOf('/') ? image[..tag] : image;
    }

    private static KustomizePatch Patch(string path, string kind, string? name = null) =>
        new() { Path = path, Target = new KustomizeTarget { Kind = kind, Name = name is null ? null : $"^{name}$" } };
}
