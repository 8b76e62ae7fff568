using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Instances;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>
/// DCE's actions on a template, as changes to the template in the control plane, which the engine then carries to every
/// member: pause and resume (a Deployment's <c>spec.paused</c>, a CronJob's <c>spec.suspend</c>) and restart (the pod
/// template's restart annotation, as <c>kubectl rollout restart</c> writes it).
/// </summary>
internal static class TemplateActions
{
    public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    public static Task<IResult> SetAsync(ControlPlanes planes, ServedKind kind, string instance, string ns, string name, string field, bool value,
        CancellationToken cancellationToken) =>
        PatchAsync(planes, kind, instance, ns, name, new JsonObject { ["spec"] = new JsonObject { [field] = value } }, cancellationToken);

    public static Task<IResult> RestartAsync(ControlPlanes planes, ServedKind kind, string instance, string ns, string name, TimeProvider time,
        CancellationToken cancellationToken) =>
        PatchAsync(planes, kind, instance, ns, name, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["annotations"] = new JsonObject { [RestartedAt] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
                    },
                },
            },
        }, cancellationToken);

    private static async Task<IResult> PatchAsync(ControlPlanes planes, ServedKind kind, string instance, string ns, string name, JsonObject patch,
        CancellationToken cancellationToken)
    {
        var plane = planes.Find(instance) ?? throw new KeyNotFoundException($"Instance {instance} does not exist.");
        var patched = await ResourceClient.PatchAsync(plane.Client, kind.Kind, ns, name, patch.ToJsonString(), PatchFormat.Merge, cancellationToken);
        return DceJson.Ok(new JsonObject { [kind.Kind.Kind.ToLowerInvariant()] = patched });
    }
}
