using System.Net;
using System.Text;
using Dce.KubeSim.Security;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Authorization;

/// <summary>Who a request is: the cluster token is kubernetes-admin, ServiceAccount tokens are their ServiceAccount while it lives.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class IdentityTests(KubeSimServer server)
{
    [Fact]
    public async Task Whoami_names_the_admin_and_a_service_account()
    {
        var admin = server.Kubectl();
        var me = await admin.OkAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
        Assert.Equal("kubernetes-admin [\"system:masters\",\"system:authenticated\"]", me);

        var ns = Manifests.UniqueNamespace("who");
        await admin.OkAsync("create", "namespace", ns);
        var ci = await ServiceAccountKubeconfig.CreateAsync(server, ns, "ci");
        var uid = await admin.OkAsync("-n", ns, "get", "serviceaccount", "ci", "-o", "jsonpath={.metadata.uid}");
        var whoami = await ci.OkAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.uid} {.status.userInfo.groups}");
        Assert.Equal($"system:serviceaccount:{ns}:ci {uid} [\"system:serviceaccounts\",\"system:serviceaccounts:{ns}\",\"system:authenticated\"]", whoami);
    }

    [Fact]
    public async Task A_token_of_a_deleted_service_account_is_unauthorized()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("gone");
        await admin.OkAsync("create", "namespace", ns);
        var ci = await ServiceAccountKubeconfig.CreateAsync(server, ns, "ci");
        await ci.OkAsync("auth", "whoami");

        await admin.OkAsync("-n", ns, "delete", "serviceaccount", "ci");
        await admin.OkAsync("-n", ns, "create", "serviceaccount", "ci");

        var refused = await ci.RunAsync("auth", "whoami");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_tokens_and_tokens_for_other_audiences_are_unauthorized()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("exp");
        await admin.OkAsync("create", "namespace", ns);
        await admin.OkAsync("-n", ns, "create", "serviceaccount", "ci");
        var sim = server.Sim();
        var account = sim.Store.Get("/serviceaccounts", ns, "ci")!;
        var now = DateTimeOffset.UtcNow;
        var valid = ServiceAccountTokens.Issue(sim, account, ServiceAccountTokens.ApiAudiences, now, now.AddHours(1), null);
        var expired = ServiceAccountTokens.Issue(sim, account, ServiceAccountTokens.ApiAudiences, now.AddHours(-2), now.AddHours(-1), null);
        var elsewhere = (await admin.OkAsync("-n", ns, "create", "token", "ci", "--audience=vault")).Trim();

        Assert.Equal(HttpStatusCode.Created, await WhoamiStatusAsync(valid));
        Assert.Equal(HttpStatusCode.Unauthorized, await WhoamiStatusAsync(expired));
        Assert.Equal(HttpStatusCode.Unauthorized, await WhoamiStatusAsync(elsewhere));
        Assert.Equal(HttpStatusCode.Unauthorized, await WhoamiStatusAsync(WithAlteredSignature(valid)));

        var review = $$$"""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"{{{elsewhere}}}","audiences":["vault"]}}""";
        var reviewed = await admin.RunWithInputAsync(review, "create", "-f", "-", "-o", "jsonpath={.status.authenticated} {.status.user.username}");
        Assert.Equal($"true system:serviceaccount:{ns}:ci", reviewed.Output);
    }

    // The last characters of a base64url signature carry padding bits a decoder may ignore, so alter one in the middle.
    private static string WithAlteredSignature(string token)
    {
        var at = token.LastIndexOf('.') + 5;
        return token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
    }

    [Fact]
    public async Task A_legacy_token_secret_gets_a_token_that_authenticates_as_its_service_account()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("legacy");
        await admin.OkAsync("create", "namespace", ns);
        await admin.OkAsync("-n", ns, "create", "serviceaccount", "builder");
        await admin.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: builder-token
              namespace: {ns}
              annotations:
                kubernetes.io/service-account.name: builder
            type: kubernetes.io/service-account-token
            """);
        var encoded = "";
        await Eventually.Until(async () =>
        {
            encoded = await admin.OkAsync("-n", ns, "get", "secret", "builder-token", "-o", "jsonpath={.data.token}");
            return encoded.Length > 0;
        }, "the token controller fills the secret's token");
        Assert.Equal(ns, Encoding.UTF8.GetString(Convert.FromBase64String(await admin.OkAsync("-n", ns, "get", "secret", "builder-token", "-o", "jsonpath={.data.namespace}"))));
        Assert.Contains("BEGIN CERTIFICATE", Encoding.UTF8.GetString(Convert.FromBase64String(await admin.OkAsync("-n", ns, "get", "secret", "builder-token", "-o", "jsonpath={.data.ca\\.crt}"))), StringComparison.Ordinal);

        var builder = ServiceAccountKubeconfig.WithToken(server, Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        Assert.Equal($"system:serviceaccount:{ns}:builder", await builder.OkAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"));
    }

    private async Task<HttpStatusCode> WhoamiStatusAsync(string token)
    {
        using var http = server.Http(token);
        using var body = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/clusters/{KubeSimServer.Cluster}/apis/authentication.k8s.io/v1/selfsubjectreviews", body);
        return response.StatusCode;
    }
}
