using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Apis.Kubectl;

/// <summary>The <c>Status</c> a Kubernetes API server answers for an object that is not there, which kubectl prints as its own error.</summary>
internal static class KubernetesStatus
{
    public static IResult NotFound(ResourceType type, string name) => Results.Text(new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"{type} \"{name}\" not found",
        ["reason"] = "NotFound",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Resource },
        ["code"] = StatusCodes.Status404NotFound,
    }.ToJsonString(), "application/json", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
}
