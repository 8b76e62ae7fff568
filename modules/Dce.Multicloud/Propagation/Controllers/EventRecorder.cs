using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>Records Kubernetes Events on the control plane's objects, as Karmada's controllers do for failures.</summary>
public static class EventRecorder
{
    public static async Task WarningAsync(ControllerContext context, JsonObject involved, string reason, string message, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var ns = involved.Namespace() ?? "default";
        try
        {
            await context.Api.CreateAsync(Kinds.Event, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["generateName"] = involved.Name() + ".", ["namespace"] = ns },
                ["involvedObject"] = new JsonObject
                {
                    ["apiVersion"] = involved.ApiVersionName(),
                    ["kind"] = involved.KindName(),
                    ["namespace"] = involved.Namespace(),
                    ["name"] = involved.Name(),
                    ["uid"] = involved.Uid(),
                },
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = "Warning",
                ["count"] = 1,
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["source"] = new JsonObject { ["component"] = "dce-karmada-controller" },
            }, cancellationToken);
        }
        catch (KubeApiException)
        {
            // An event is a courtesy; the binding's condition already says what failed.
        }
    }
}
