using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Applies a multi-document manifest all or nothing. Every document is parsed and checked before the first call;
/// objects are then created (or replaced) in order, and when one is refused the ones already applied are deleted
/// (or restored to their previous versions) and the cluster's own status code and message are returned.
/// </summary>
public static class ManifestApplier
{
    /// <summary>Applies <paramref name="yamlOrJson"/>; namespaced objects without a namespace go to <paramref name="defaultNamespace"/>.</summary>
    public static async Task<ManifestApplyResult> ApplyAsync(IKubernetes client, string yamlOrJson, string defaultNamespace,
        ManifestApplyMode mode = ManifestApplyMode.Create, CancellationToken cancellationToken = default, string cluster = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects;
        try
        {
            objects = ManifestParser.Parse(yamlOrJson ?? "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ManifestApplyResult.Failure(400, $"invalid manifest: {e.Message}");
        }

        if (objects.Count == 0)
        {
            return ManifestApplyResult.Failure(400, "the manifest holds no objects");
        }

        var planned = new List<(ManifestResource Resource, IKubernetesObject<V1ObjectMeta> Object, ManifestObject Id)>();
        for (var i = 0; i < objects.Count; i++)
        {
            var obj = objects[i];
            var resource = ManifestResources.ForType(obj.GetType());
            if (resource is null)
            {
                return ManifestApplyResult.Failure(400, $"document {i + 1}: kind {obj.Kind} of apiVersion {obj.ApiVersion} is not supported; supported: {string.Join(", ", ManifestResources.Names)}");
            }

            obj.Metadata ??= new V1ObjectMeta();
            var nameError = resource.Kind is "Namespace" or "Service" ? KubernetesNames.LabelError(obj.Metadata.Name) : KubernetesNames.SubdomainError(obj.Metadata.Name);
            if (nameError is not null)
            {
                return ManifestApplyResult.Failure(400, $"document {i + 1}: {resource.Kind} metadata.name \"{obj.Metadata.Name}\" {nameError}");
            }

            string? ns = null;
            if (resource.Namespaced)
            {
                ns = string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? defaultNamespace : obj.Metadata.NamespaceProperty;
                obj.Metadata.NamespaceProperty = ns;
            }

            obj.ApiVersion ??= resource.ApiVersion;
            obj.Kind ??= resource.Kind;
            planned.Add((resource, obj, new ManifestObject(resource.Kind, ns, obj.Metadata.Name)));
        }

        return mode == ManifestApplyMode.Create
            ? await CreateAllAsync(client, planned, cluster, cancellationToken)
            : await ReplaceAllAsync(client, planned, cluster, cancellationToken);
    }

    private static async Task<ManifestApplyResult> CreateAllAsync(IKubernetes client,
        List<(ManifestResource Resource, IKubernetesObject<V1ObjectMeta> Object, ManifestObject Id)> planned, string cluster, CancellationToken ct)
    {
        var created = new List<(ManifestResource Resource, ManifestObject Id)>();
        foreach (var (resource, obj, id) in planned)
        {
            try
            {
                await resource.Create(client, obj, id.Namespace ?? "", ct);
                created.Add((resource, id));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                for (var i = created.Count - 1; i >= 0; i--)
                {
                    await TryAsync(() => created[i].Resource.Delete(client, created[i].Id.Name, created[i].Id.Namespace ?? "", CancellationToken.None));
                }

                return Failed(e, id, cluster);
            }
        }

        return new ManifestApplyResult(true, 201, $"created {created.Count} object(s)", created.Select(c => c.Id).ToList());
    }

    private static async Task<ManifestApplyResult> ReplaceAllAsync(IKubernetes client,
        List<(ManifestResource Resource, IKubernetesObject<V1ObjectMeta> Object, ManifestObject Id)> planned, string cluster, CancellationToken ct)
    {
        var replaced = new List<(ManifestResource Resource, IKubernetesObject<V1ObjectMeta> Previous, ManifestObject Id)>();
        foreach (var (resource, obj, id) in planned)
        {
            try
            {
                var previous = await resource.Read(client, id.Name, id.Namespace ?? "", ct);
                obj.Metadata.ResourceVersion = previous.Metadata.ResourceVersion;
                await resource.Replace(client, obj, id.Namespace ?? "", ct);
                replaced.Add((resource, previous, id));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                for (var i = replaced.Count - 1; i >= 0; i--)
                {
                    var (res, previous, prevId) = replaced[i];
                    await TryAsync(async () =>
                    {
                        var latest = await res.Read(client, prevId.Name, prevId.Namespace ?? "", CancellationToken.None);
                        previous.Metadata.ResourceVersion = latest.Metadata.ResourceVersion;
                        previous.Metadata.ManagedFields = null;
                        await res.Replace(client, previous, prevId.Namespace ?? "", CancellationToken.None);
                    });
                }

                return Failed(e, id, cluster);
            }
        }

        return new ManifestApplyResult(true, 200, $"updated {replaced.Count} object(s)", replaced.Select(r => r.Id).ToList());
    }

    private static ManifestApplyResult Failed(Exception exception, ManifestObject id, string cluster)
    {
        var failure = KubernetesErrors.Describe(exception, cluster);
        return ManifestApplyResult.Failure(failure.StatusCode, $"{id.Kind} \"{id.Name}\": {failure.Message}");
    }

    private static async Task TryAsync(Func<Task> undo)
    {
        try
        {
            await undo();
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            // Best effort: the original failure is what the caller needs to see.
        }
    }
}
