using System.Text.Json.Nodes;
using Dce.Multicloud.Instances;
using k8s;

namespace Dce.Multicloud.Apis;

/// <summary>An instance in DCE's shape (<c>v1alpha1Instance</c>): its name and alias, and whether its API server answers.</summary>
internal static class InstanceView
{
    public static async Task<JsonObject> OfAsync(ControlPlanes planes, InstanceOptions settings, CancellationToken cancellationToken)
    {
        var status = new JsonObject { ["state"] = "INSTANCE_STATE_UNAVAILABLE" };
        try
        {
            if (planes.Find(settings.Name) is { } plane)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var version = await plane.Client.Version.GetCodeAsync(timeout.Token);
                status["state"] = "INSTANCE_STATE_RUNNING";
                status["kubernetesVersion"] = version.GitVersion;
            }
        }
        catch (Exception unreachable) when (unreachable is InstanceUnavailableException or HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            // The instance is listed as unavailable rather than failing the whole answer.
        }

        var annotations = new JsonObject { ["kairship.io/embedded"] = settings.Embedded ? "true" : "false" };
        if (settings.Alias.Length > 0)
        {
            annotations["kairship.io/alias"] = settings.Alias;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = settings.Name, ["annotations"] = annotations },
            ["spec"] = new JsonObject(),
            ["status"] = status,
        };
    }
}
