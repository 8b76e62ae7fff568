using Dce.Kubernetes.Errors;
using k8s;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Applies checked manifest documents (<see cref="ManifestReader"/>) in order, creating or replacing each. When the
/// cluster refuses one, the documents already applied are deleted (or restored to their previous versions) and the
/// answer names the refused document, the cluster's own status code and message, and any document the undo could
/// not reach. The cluster has no transaction across objects, so this is compensation, not atomicity.
/// </summary>
public static class ManifestApplier
{
    /// <summary>Reads <paramref name="yamlOrJson"/> confined to <paramref name="routeNamespace"/>, then applies it.</summary>
    public static async Task<ManifestApplyResult> ApplyAsync(IKubernetes client, string yamlOrJson, string routeNamespace,
        ManifestApplyMode mode = ManifestApplyMode.Create, CancellationToken cancellationToken = default, string cluster = "")
    {
        var reading = ManifestReader.Read(yamlOrJson, routeNamespace);
        return reading.Succeeded
            ? await ApplyAsync(client, reading.Documents, mode, cluster, cancellationToken)
            : ManifestApplyResult.Failure(400, reading.Problem!);
    }

    /// <summary>Applies <paramref name="documents"/>, all of them or, once undone, none.</summary>
    public static async Task<ManifestApplyResult> ApplyAsync(IKubernetes client, IReadOnlyList<ManifestDocument> documents,
        ManifestApplyMode mode, string cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(documents);
        var undo = new Stack<(ManifestDocument Document, Func<Task> Undo)>();
        foreach (var document in documents)
        {
            try
            {
                undo.Push((document, mode == ManifestApplyMode.Create
                    ? await CreateAsync(client, document, cancellationToken)
                    : await ReplaceAsync(client, document, cancellationToken)));
            }
            catch (Exception e)
            {
                // Undo even when the caller went away: a half-applied manifest is worse than a late answer.
                var leftBehind = await UndoAsync(undo);
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                return Failed(e, document, undo.Count, leftBehind, cluster);
            }
        }

        var applied = documents.Select(d => d.Id).ToList();
        return mode == ManifestApplyMode.Create
            ? new ManifestApplyResult(true, 201, $"created {applied.Count} object(s)", applied)
            : new ManifestApplyResult(true, 200, $"updated {applied.Count} object(s)", applied);
    }

    private static async Task<Func<Task>> CreateAsync(IKubernetes client, ManifestDocument document, CancellationToken ct)
    {
        var (resource, id) = (document.Resource, document.Id);
        await resource.Create(client, document.Object, id.Namespace ?? "", ct);
        return () => resource.Delete(client, id.Name, id.Namespace ?? "", CancellationToken.None);
    }

    private static async Task<Func<Task>> ReplaceAsync(IKubernetes client, ManifestDocument document, CancellationToken ct)
    {
        var (resource, id) = (document.Resource, document.Id);
        var previous = await resource.Read(client, id.Name, id.Namespace ?? "", ct);
        document.Object.Metadata.ResourceVersion = previous.Metadata.ResourceVersion;
        await resource.Replace(client, document.Object, id.Namespace ?? "", ct);
        return async () =>
        {
            var latest = await resource.Read(client, id.Name, id.Namespace ?? "", CancellationToken.None);
            previous.Metadata.ResourceVersion = latest.Metadata.ResourceVersion;
            previous.Metadata.ManagedFields = null;
            await resource.Replace(client, previous, id.Namespace ?? "", CancellationToken.None);
        };
    }

    /// <summary>Undoes in reverse order; returns the documents the undo could not reach, with why.</summary>
    private static async Task<List<string>> UndoAsync(Stack<(ManifestDocument Document, Func<Task> Undo)> applied)
    {
        var leftBehind = new List<string>();
        foreach (var (document, undo) in applied)
        {
            try
            {
                await undo();
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException)
            {
                leftBehind.Add($"{document}: {KubernetesErrors.Describe(e, "").Message}");
            }
        }

        return leftBehind;
    }

    private static ManifestApplyResult Failed(Exception exception, ManifestDocument document, int undone, List<string> leftBehind, string cluster)
    {
        var failure = KubernetesErrors.Describe(exception, cluster);
        var before = undone == 0 ? "No document had been applied." : $"Documents 1-{undone} had been applied and were undone.";
        var message = $"{document} was refused: {failure.Message} {before}";
        if (leftBehind.Count > 0)
        {
            message += $" Could not undo {string.Join("; ", leftBehind)}: check these objects by hand.";
        }

        return ManifestApplyResult.Failure(failure.StatusCode, message);
    }
}
