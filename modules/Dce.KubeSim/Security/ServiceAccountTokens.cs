using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Security;

/// <summary>
/// Issues and checks ServiceAccount tokens: bound tokens from TokenRequest and legacy tokens kept in Secrets.
/// They are signed with a key derived from the cluster's own token, so they stay valid across a restart that keeps it.
/// </summary>
public static class ServiceAccountTokens
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";
    public const string LegacyIssuer = "kubernetes/serviceaccount";
    private const string LegacyPrefix = "kubernetes.io/serviceaccount/";

    /// <summary>The audiences the API server accepts tokens for, and what a TokenRequest without audiences gets.</summary>
    public static IReadOnlyList<string> ApiAudiences { get; } = [Issuer];

    public static byte[] SigningKey(SimulatedCluster sim) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("kubesim service account token signing key\n" + sim.Token));

    /// <summary>A bound token for <paramref name="serviceAccount"/>, optionally bound to a pod or secret.</summary>
    public static string Issue(SimulatedCluster sim, StoredObject serviceAccount, IReadOnlyList<string> audiences, DateTimeOffset issuedAt,
        DateTimeOffset expires, BoundObject? boundTo)
    {
        var identity = new JsonObject
        {
            ["namespace"] = serviceAccount.Namespace,
            ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount.Name, ["uid"] = serviceAccount.Uid },
        };
        if (boundTo is not null)
        {
            identity[boundTo.Kind.ToLowerInvariant()] = new JsonObject { ["name"] = boundTo.Name, ["uid"] = boundTo.Uid };
        }
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray(audiences.Select(a => (JsonNode)a).ToArray()),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = identity,
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = UserInfo.ServiceAccountPrefix + serviceAccount.Namespace + ":" + serviceAccount.Name,
        };
        return JsonWebToken.Sign(claims, SigningKey(sim));
    }

    /// <summary>A token that never expires, for a Secret of type <c>kubernetes.io/service-account-token</c>.</summary>
    public static string IssueLegacy(SimulatedCluster sim, StoredObject serviceAccount, string secretName) => JsonWebToken.Sign(new JsonObject
    {
        ["iss"] = LegacyIssuer,
        [LegacyPrefix + "namespace"] = serviceAccount.Namespace,
        [LegacyPrefix + "secret.name"] = secretName,
        [LegacyPrefix + "service-account.name"] = serviceAccount.Name,
        [LegacyPrefix + "service-account.uid"] = serviceAccount.Uid,
        ["sub"] = UserInfo.ServiceAccountPrefix + serviceAccount.Namespace + ":" + serviceAccount.Name,
    }, SigningKey(sim));

    /// <summary>The ServiceAccount a token authenticates as, or null: bad signature, expired, wrong audience, or gone.</summary>
    public static UserInfo? Authenticate(SimulatedCluster sim, string token, IReadOnlyList<string> audiences, DateTimeOffset now)
    {
        if (JsonWebToken.Verify(token, SigningKey(sim)) is not { } claims)
        {
            return null;
        }
        return claims.Str("iss") switch
        {
            Issuer => Bound(sim, claims, audiences, now),
            LegacyIssuer => Legacy(sim, claims, token),
            _ => null,
        };
    }

    private static UserInfo? Bound(SimulatedCluster sim, JsonObject claims, IReadOnlyList<string> audiences, DateTimeOffset now)
    {
        var tokenAudiences = (claims["aud"] as JsonArray)?.Select(a => a?.ToString()).ToList() ?? [];
        if (!tokenAudiences.Any(a => audiences.Contains(a!)))
        {
            return null;
        }
        if (claims.Long("exp") is not { } exp || now.ToUnixTimeSeconds() >= exp || claims.Long("nbf") is { } nbf && now.ToUnixTimeSeconds() + 60 < nbf)
        {
            return null;
        }
        var identity = claims["kubernetes.io"];
        var ns = identity.Str("namespace") ?? "";
        var account = identity?["serviceaccount"];
        if (!Exists(sim, "serviceaccounts", ns, account.Str("name"), account.Str("uid")))
        {
            return null;
        }
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["authentication.kubernetes.io/credential-id"] = ["JTI=" + claims.Str("jti")],
        };
        foreach (var (kind, plural) in new[] { ("pod", "pods"), ("secret", "secrets") })
        {
            if (identity?[kind] is JsonObject bound)
            {
                if (!Exists(sim, plural, ns, bound.Str("name"), bound.Str("uid")))
                {
                    return null;
                }
                if (kind == "pod")
                {
                    extra["authentication.kubernetes.io/pod-name"] = [bound.Str("name") ?? ""];
                    extra["authentication.kubernetes.io/pod-uid"] = [bound.Str("uid") ?? ""];
                }
            }
        }
        return UserInfo.ServiceAccount(ns, account.Str("name")!, account.Str("uid")!, extra);
    }

    private static UserInfo? Legacy(SimulatedCluster sim, JsonObject claims, string token)
    {
        var ns = claims.Str(LegacyPrefix + "namespace") ?? "";
        var name = claims.Str(LegacyPrefix + "service-account.name");
        var uid = claims.Str(LegacyPrefix + "service-account.uid");
        if (!Exists(sim, "serviceaccounts", ns, name, uid))
        {
            return null;
        }
        var secret = sim.Store.Get("/secrets", ns, claims.Str(LegacyPrefix + "secret.name") ?? "");
        var stored = secret?.Parse()["data"].Str("token");
        if (stored is null || stored != Convert.ToBase64String(Encoding.UTF8.GetBytes(token)))
        {
            return null;
        }
        return UserInfo.ServiceAccount(ns, name!, uid!);
    }

    private static bool Exists(SimulatedCluster sim, string plural, string ns, string? name, string? uid) =>
        name is not null && sim.Store.Get("/" + plural, ns, name) is { Deleting: false } found && (string.IsNullOrEmpty(uid) || found.Uid == uid);
}

/// <summary>The object a bound token lives only as long as.</summary>
public sealed record BoundObject(string Kind, string Name, string Uid);
