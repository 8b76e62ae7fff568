using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>Turns a template read from the control plane into the manifest a member receives.</summary>
public static class ManifestCleaner
{
    private static readonly string[] ServerOwnedMetadata =
        ["uid", "resourceVersion", "managedFields", "creationTimestamp", "generation", "ownerReferences", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers"];

    /// <summary>A copy without status and the metadata the control plane's API server owns.</summary>
    public static JsonObject Clean(JsonObject template)
    {
        var manifest = template.DeepClone().AsObject();
        manifest.Remove("status");
        if (manifest["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerOwnedMetadata)
            {
                metadata.Remove(field);
            }

            if (metadata["annotations"] is JsonObject annotations)
            {
                annotations.Remove("kubectl.kubernetes.io/last-applied-configuration");
                annotations.Remove("deployment.kubernetes.io/revision");
            }
        }

        // A Service's cluster IPs are the member's to allocate.
        if (manifest["kind"]?.GetValue<string>() == "Service" && manifest["spec"] is JsonObject spec)
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
        }

        if (manifest["kind"]?.GetValue<string>() == "Job" && manifest["spec"] is JsonObject jobSpec && jobSpec["manualSelector"]?.GetValue<bool>() != true)
        {
            // The control plane's API server generated the selector from the template's uid; each member generates its own.
            jobSpec.Remove("selector");
            if (jobSpec["template"]?["metadata"]?["labels"] is JsonObject podLabels)
            {
                foreach (var generated in GeneratedJobLabels)
                {
                    podLabels.Remove(generated);
                }
            }
        }

        return manifest;
    }

    private static readonly string[] GeneratedJobLabels =
        ["controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name"];
}
