using Dce.AppHost.Tests.Publishing;
using Dce.Testing;

namespace Dce.AppHost.Tests.KubeSim;

/// <summary>KubeSim killed without a shutdown starts again on its state folder with what it had written.</summary>
public sealed class KubeSimCrashTests
{
    [Fact]
    public async Task A_killed_kubesim_starts_again_on_its_state_with_the_same_objects_token_and_certificate()
    {
        var state = Directory.CreateTempSubdirectory("dce-kubesim-crash-").FullName;
        try
        {
            string uid;
            string kept;
            using (var first = await KubeSimProcess.StartAsync($"--KubeSim:StateDirectory={state}"))
            {
                kept = File.ReadAllText(first.Kubeconfig);
                var kubectl = new Kubectl(first.Kubeconfig);
                await kubectl.OkAsync("create", "namespace", "crash");
                uid = await kubectl.OkAsync("-n", "crash", "create", "configmap", "survivor", "-o", "jsonpath={.metadata.uid}");
                var log = Path.Combine(state, "clusters", Path.GetFileNameWithoutExtension(first.Kubeconfig), "log");
                await Eventually.Until(() => File.ReadAllBytes(log).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(uid)) >= 0, "the change reaching the log");

                first.Crash();
            }

            using var second = await KubeSimProcess.StartAsync($"--KubeSim:StateDirectory={state}");
            var restarted = new Kubectl(second.Kubeconfig);
            Assert.Equal(uid, await restarted.OkAsync("-n", "crash", "get", "configmap", "survivor", "-o", "jsonpath={.metadata.uid}"));
            Assert.Equal(Line(kept, "token:"), Line(File.ReadAllText(second.Kubeconfig), "token:"));
            Assert.Equal(Line(kept, "certificate-authority-data:"), Line(File.ReadAllText(second.Kubeconfig), "certificate-authority-data:"));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static string Line(string kubeconfig, string key) =>
        kubeconfig.Split('\n').Single(l => l.TrimStart().StartsWith(key, StringComparison.Ordinal)).Trim();
}
