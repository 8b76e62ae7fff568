using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Apis.Kubectl;

/// <summary>
/// The <c>Status</c> a Kubernetes API server answers with a refusal, which kubectl prints as its own error (it shows
/// nothing of a ProblemDetails body).
/// </summary>
internal static class KubernetesStatus
{
    /// <summary>Whether the caller is kubectl: it asks for Tables, and reads refusals only as a Status.</summary>
    public static bool Wanted(HttpRequest request) => request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public static IResult NotFound(ResourceType type, string name) =>
        Failure(StatusCodes.Status404NotFound, "NotFound", $"{type} \"{name}\" not found", new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Resource });

    public static IResult BadRequest(string message) => Failure(StatusCodes.Status400BadRequest, "BadRequest", message, null);

    private static IResult Failure(int code, string reason, string message, JsonObject? details) => Results.Text(new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["details"] = details,
        ["code"] = code,
    }.ToJsonString(), "application/json", System.Text.Encoding.UTF8, code);
}
