using System.Text.Json.Nodes;
using Dce.KubeSim.Authorization;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Api;

/// <summary>
/// The create-only review resources: access reviews and rules reviews (<c>kubectl auth can-i</c>), SelfSubjectReview
/// (<c>kubectl auth whoami</c>) and TokenReview. Each is answered from the request and never stored.
/// </summary>
public static class ReviewHandler
{
    public static async Task HandleAsync(HttpContext context, SimulatedCluster sim, ResourceType type, ApiPath path)
    {
        if (context.Request.Method != "POST" || path.Name is not null)
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        var review = await RequestBody.ReadObjectAsync(context);
        review["apiVersion"] = type.ApiVersion;
        review["kind"] = type.Kind;
        var metadata = review.Metadata();
        metadata["creationTimestamp"] = null;
        var user = RequestAuthenticator.User(context);
        review["status"] = type.Kind switch
        {
            "SelfSubjectAccessReview" => Access(sim, user, review["spec"]),
            "SubjectAccessReview" => Access(sim, SubjectOf(type, review["spec"]), review["spec"]),
            "LocalSubjectAccessReview" => LocalAccess(sim, type, path, review),
            "SelfSubjectRulesReview" => Rules(sim, user, review["spec"].Str("namespace") ?? ""),
            "SelfSubjectReview" => new JsonObject { ["userInfo"] = UserJson(user) },
            "TokenReview" => Token(sim, review["spec"]),
            _ => throw ApiException.NoResource(),
        };
        await KubeResponses.Node(context, 201, review);
    }

    private static JsonObject LocalAccess(SimulatedCluster sim, ResourceType type, ApiPath path, JsonObject review)
    {
        var spec = review["spec"];
        var ns = spec.At("resourceAttributes").Str("namespace");
        if (ns != path.Namespace)
        {
            throw ApiException.Invalid(type, "", [FieldCause.InvalidValue("spec.resourceAttributes.namespace", ns ?? "", "must match metadata.namespace")]);
        }
        review.Metadata()["namespace"] = path.Namespace;
        return Access(sim, SubjectOf(type, spec), spec);
    }

    private static UserInfo SubjectOf(ResourceType type, JsonNode? spec)
    {
        var name = spec.Str("user") ?? "";
        var groups = (spec?["groups"] as JsonArray)?.Select(g => g?.ToString() ?? "").ToList() ?? [];
        if (name.Length == 0 && groups.Count == 0)
        {
            throw ApiException.Invalid(type, "", [FieldCause.InvalidValue("spec.user,spec.groups", "", "at least one of user or group must be specified")]);
        }
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in spec?["extra"] as JsonObject ?? [])
        {
            extra[key] = (values as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
        }
        return new UserInfo(name, spec.Str("uid") ?? "", groups, extra);
    }

    private static JsonObject Access(SimulatedCluster sim, UserInfo user, JsonNode? spec)
    {
        RequestAttributes request;
        if (spec?["resourceAttributes"] is JsonObject resource)
        {
            var subresource = resource.Str("subresource") ?? "";
            var plural = resource.Str("resource") ?? "";
            request = RequestAttributes.ForResource(user, resource.Str("verb") ?? "", resource.Str("group") ?? "", plural, subresource,
                resource.Str("namespace") ?? "", resource.Str("name") ?? "");
        }
        else if (spec?["nonResourceAttributes"] is JsonObject nonResource)
        {
            request = RequestAttributes.NonResource(user, nonResource.Str("verb") ?? "", nonResource.Str("path") ?? "");
        }
        else
        {
            throw ApiException.BadRequest("spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        var decision = RbacAuthorizer.Decide(sim, request);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }
        return status;
    }

    private static JsonObject Rules(SimulatedCluster sim, UserInfo user, string ns)
    {
        var rules = RbacRules.For(sim, user, ns).SelectMany(s => s.Rules).ToList();
        return new JsonObject
        {
            ["resourceRules"] = new JsonArray(rules.Where(r => r.Resources.Count > 0).Select(r => (JsonNode)r.ToResourceRuleJson()).ToArray()),
            ["nonResourceRules"] = new JsonArray(rules.Where(r => r.NonResourceUrls.Count > 0).Select(r => (JsonNode)r.ToNonResourceRuleJson()).ToArray()),
            ["incomplete"] = false,
        };
    }

    private static JsonObject Token(SimulatedCluster sim, JsonNode? spec)
    {
        var requested = (spec?["audiences"] as JsonArray)?.Select(a => a?.ToString() ?? "").ToList() ?? [];
        var audiences = requested.Count > 0 ? requested : ServiceAccountTokens.ApiAudiences;
        var token = spec.Str("token") ?? "";
        var user = BearerTokenIsCluster(sim, token) ? UserInfo.Admin : ServiceAccountTokens.Authenticate(sim, token, audiences, DateTimeOffset.UtcNow);
        if (user is null)
        {
            return new JsonObject { ["authenticated"] = false, ["user"] = new JsonObject(), ["error"] = "[invalid bearer token, service account token is not valid]" };
        }
        return new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = UserJson(user),
            ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a).ToArray()),
        };
    }

    private static bool BearerTokenIsCluster(SimulatedCluster sim, string token) =>
        token.Length > 0 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)),
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sim.Token)));

    private static JsonObject UserJson(UserInfo user)
    {
        var json = new JsonObject
        {
            ["username"] = user.Name,
            ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)g).ToArray()),
        };
        if (user.Uid.Length > 0)
        {
            json["uid"] = user.Uid;
        }
        if (user.Extra.Count > 0)
        {
            json["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray(e.Value.Select(v => (JsonNode)v).ToArray()))));
        }
        return json;
    }
}
