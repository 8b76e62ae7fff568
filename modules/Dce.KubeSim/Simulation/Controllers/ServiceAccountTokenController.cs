using System.Text;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Fills Secrets of type <c>kubernetes.io/service-account-token</c> with a token, the cluster's CA and the namespace,
/// and deletes those whose ServiceAccount is gone, as kube-controller-manager's token controller does.
/// </summary>
public sealed class ServiceAccountTokenController : IController
{
    public const string SecretType = "kubernetes.io/service-account-token";
    public const string NameAnnotation = "kubernetes.io/service-account.name";
    public const string UidAnnotation = "kubernetes.io/service-account.uid";

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    private (long, int, long, int) seen;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var secrets = cluster.Type("", "secrets");
        var accounts = cluster.Type("", "serviceaccounts");
        // Secrets are parsed only when a Secret or ServiceAccount changed since the last pass.
        var secretItems = cluster.Store.List(secrets.StorageKey, null).Items;
        var accountItems = cluster.Store.List(accounts.StorageKey, null).Items;
        var state = (secretItems.Select(s => s.ResourceVersion).DefaultIfEmpty().Max(), secretItems.Count,
            accountItems.Select(a => a.ResourceVersion).DefaultIfEmpty().Max(), accountItems.Count);
        if (state == seen)
        {
            return;
        }
        seen = state;
        var tokenSecrets = secretItems.Where(s => !s.Deleting)
            .Select(s => (Stored: s, Obj: s.Parse()))
            .Where(s => s.Obj.Str("type") == SecretType);
        foreach (var (stored, secret) in tokenSecrets)
        {
            var annotations = secret.Metadata()["annotations"];
            var accountName = annotations.Str(NameAnnotation) ?? "";
            var account = cluster.Store.Get(accounts.StorageKey, stored.Namespace, accountName);
            var wantedUid = annotations.Str(UidAnnotation);
            if (account is null || (!string.IsNullOrEmpty(wantedUid) && wantedUid != account.Uid))
            {
                if (!string.IsNullOrEmpty(wantedUid))
                {
                    Try(() => cluster.Objects.Delete(secrets, stored.Namespace, stored.Name));
                }
                continue;
            }
            if (secret["data"].Str("token") is { Length: > 0 } && wantedUid == account.Uid)
            {
                continue;
            }
            var token = ServiceAccountTokens.IssueLegacy(cluster, account, stored.Name);
            cluster.Objects.Mutate(secrets, stored.Namespace, stored.Name, obj =>
            {
                obj.Metadata().Obj("annotations")[UidAnnotation] = account.Uid;
                var data = obj.Obj("data");
                data["token"] = Base64(token);
                data["namespace"] = Base64(stored.Namespace);
                data["ca.crt"] = Base64(cluster.CertificateAuthorityPem);
                return true;
            });
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException error) when (error.Code == 404)
        {
            // Deleted meanwhile.
        }
    }
}
