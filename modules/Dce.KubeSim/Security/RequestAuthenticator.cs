using Dce.KubeSim.Clusters;

namespace Dce.KubeSim.Security;

/// <summary>Turns a request's bearer token into a user: the cluster's own token, or a ServiceAccount token.</summary>
public static class RequestAuthenticator
{
    private const string UserKey = "kubesim.user";

    public static UserInfo? Authenticate(HttpRequest request, SimulatedCluster sim)
    {
        if (BearerToken.Matches(request, sim.Token))
        {
            return UserInfo.Admin;
        }
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return ServiceAccountTokens.Authenticate(sim, header["Bearer ".Length..].Trim(), ServiceAccountTokens.ApiAudiences, DateTimeOffset.UtcNow);
    }

    public static void Remember(HttpContext context, UserInfo user) => context.Items[UserKey] = user;

    /// <summary>The user the current request authenticated as.</summary>
    public static UserInfo User(HttpContext context) => context.Items[UserKey] as UserInfo ?? UserInfo.Admin;
}
