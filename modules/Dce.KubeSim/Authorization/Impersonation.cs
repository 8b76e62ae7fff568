using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Authorization;

/// <summary>
/// The <c>Impersonate-User</c>, <c>Impersonate-Group</c> and <c>Impersonate-Uid</c> headers (<c>kubectl --as</c>,
/// <c>--as-group</c>): the request acts as that user when the requester may <c>impersonate</c> each part of it.
/// </summary>
public static class Impersonation
{
    public static UserInfo Apply(HttpRequest request, SimulatedCluster sim, UserInfo requester)
    {
        var name = request.Headers["Impersonate-User"].ToString();
        var groups = request.Headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = request.Headers["Impersonate-Uid"].ToString();
        if (name.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0)
            {
                throw ApiException.BadRequest("requested impersonation of groups or uid without impersonating a user");
            }
            return requester;
        }
        var serviceAccount = new UserInfo(name, "", [], new Dictionary<string, IReadOnlyList<string>>()).ServiceAccountName;
        Require(sim, serviceAccount is { } sa
            ? RequestAttributes.ForResource(requester, "impersonate", "", "serviceaccounts", ns: sa.Namespace, name: sa.Name)
            : RequestAttributes.ForResource(requester, "impersonate", "", "users", name: name));
        foreach (var group in groups)
        {
            Require(sim, RequestAttributes.ForResource(requester, "impersonate", "", "groups", name: group));
        }
        if (uid.Length > 0)
        {
            Require(sim, RequestAttributes.ForResource(requester, "impersonate", "authentication.k8s.io", "uids", name: uid));
        }
        if (serviceAccount is { } account && groups.Count == 0)
        {
            return UserInfo.ServiceAccount(account.Namespace, account.Name, uid);
        }
        if (name != "system:anonymous" && !groups.Contains(UserInfo.Authenticated))
        {
            groups.Add(UserInfo.Authenticated);
        }
        return new UserInfo(name, uid, groups, new Dictionary<string, IReadOnlyList<string>>());
    }

    private static void Require(SimulatedCluster sim, RequestAttributes request)
    {
        if (!RbacAuthorizer.Decide(sim, request).Allowed)
        {
            throw RbacAuthorizer.Forbidden(request);
        }
    }
}
