using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Api;

/// <summary><c>POST .../serviceaccounts/{name}/token</c>: a TokenRequest answered with a bound token, as <c>kubectl create token</c> asks.</summary>
public static class TokenRequestHandler
{
    private const long DefaultSeconds = 3600;
    private const long MinimumSeconds = 600;

    public static async Task HandleAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string ns, string name)
    {
        var account = sim.Objects.Get(type, ns, name);
        var request = await RequestBody.ReadAsync(context) as JsonObject ?? new JsonObject();
        var spec = request.Obj("spec");
        var seconds = spec.Long("expirationSeconds") ?? DefaultSeconds;
        var tokenRequest = new ResourceType { Group = "authentication.k8s.io", Version = "v1", Plural = "tokenrequests", Kind = "TokenRequest" };
        if (seconds < MinimumSeconds)
        {
            throw ApiException.Invalid(tokenRequest, name, [FieldCause.InvalidValue("spec.expirationSeconds", seconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration less than 10 minutes")]);
        }
        if (seconds > 1L << 32)
        {
            throw ApiException.Invalid(tokenRequest, name, [FieldCause.InvalidValue("spec.expirationSeconds", seconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration larger than 2^32 seconds")]);
        }
        var audiences = (spec["audiences"] as JsonArray)?.Select(a => a?.ToString() ?? "").Where(a => a.Length > 0).ToList() is { Count: > 0 } given
            ? given
            : ServiceAccountTokens.ApiAudiences.ToList();
        var bound = Bound(sim, ns, spec["boundObjectRef"] as JsonObject);
        var issuedAt = DateTimeOffset.UtcNow;
        var expires = issuedAt.AddSeconds(seconds);
        var token = ServiceAccountTokens.Issue(sim, account, audiences, issuedAt, expires, bound);
        spec["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a).ToArray());
        spec["expirationSeconds"] = seconds;
        await KubeResponses.Node(context, 201, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = Json.Now() },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject
            {
                ["token"] = token,
                ["expirationTimestamp"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        });
    }

    private static BoundObject? Bound(SimulatedCluster sim, string ns, JsonObject? reference)
    {
        if (reference is null)
        {
            return null;
        }
        var kind = reference.Str("kind") ?? "";
        var plural = kind switch
        {
            "Pod" => "pods",
            "Secret" => "secrets",
            _ => throw ApiException.BadRequest($"cannot bind token to object of type {kind}"),
        };
        var type = sim.Type("", plural);
        var name = reference.Str("name") ?? "";
        var found = sim.Objects.Get(type, ns, name);
        if (reference.Str("uid") is { Length: > 0 } uid && uid != found.Uid)
        {
            throw new ApiException(409, "Conflict", $"the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated");
        }
        return new BoundObject(kind, name, found.Uid);
    }
}
