using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Authorization;

/// <summary>A kubeconfig like the cluster's own, but carrying a ServiceAccount token instead of the cluster token.</summary>
public static class ServiceAccountKubeconfig
{
    /// <summary>Creates <paramref name="account"/> in <paramref name="ns"/> if needed and returns kubectl acting as it, with a token from <c>kubectl create token</c>.</summary>
    public static async Task<Dce.Testing.Kubectl> CreateAsync(KubeSimServer server, string ns, string account)
    {
        var admin = server.Kubectl();
        if ((await admin.RunAsync("-n", ns, "get", "serviceaccount", account)).ExitCode != 0)
        {
            await admin.OkAsync("-n", ns, "create", "serviceaccount", account);
        }
        var token = (await admin.OkAsync("-n", ns, "create", "token", account)).Trim();
        return WithToken(server, token);
    }

    public static Dce.Testing.Kubectl WithToken(KubeSimServer server, string token)
    {
        var text = File.ReadAllText(server.KubeconfigPath()).Replace("token: " + server.Sim().Token, "token: " + token, StringComparison.Ordinal);
        var folder = Path.Combine(server.KubeconfigDirectory, "as-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "config");
        File.WriteAllText(path, text);
        return new Dce.Testing.Kubectl(path);
    }
}
