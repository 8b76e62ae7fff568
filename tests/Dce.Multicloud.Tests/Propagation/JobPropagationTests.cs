using Dce.Kubernetes.Resources;
using Dce.Multicloud.Propagation.Api;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Propagation;

[Collection(KarmadaCollection.Name)]
public sealed class JobPropagationTests(KarmadaFixture fixture)
{
    [Fact]
    public async Task A_divided_job_shares_its_parallelism_and_the_template_counts_the_members_pods()
    {
        var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
        await scenario.ApplyAsync("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: batch, namespace: NS}
            spec:
              resourceSelectors: [{apiVersion: batch/v1, kind: Job, name: crunch}]
              placement:
                clusterAffinity: {clusterNames: [member-1, member-2]}
                replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
            """);
        await scenario.ApplyAsync("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: crunch, namespace: NS}
            spec:
              parallelism: 4
              completions: 8
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: busybox:1.36, command: [sh, -c, "exit 0"]}]
            """);

        await Eventually.Until(async () =>
        {
            var parallelism = new List<int?>();
            foreach (var member in new[] { "member-1", "member-2" })
            {
                parallelism.Add((await Job(member, scenario.Namespace))?["spec"]?["parallelism"]?.GetValue<int>());
            }

            return parallelism.All(share => share == 2);
        }, "parallelism 2 in member-1 and member-2");
        await Eventually.Until(async () =>
        {
            var template = await fixture.Api.GetAsync(Kind, scenario.Namespace, "crunch", CancellationToken.None);
            var counted = (template?["status"]?["active"]?.GetValue<int>() ?? 0) + (template?["status"]?["succeeded"]?.GetValue<int>() ?? 0);
            return counted > 0;
        }, "the template's status counting the members' pods");
    }

    private static readonly ResourceKind Kind = new("batch", "v1", "jobs", "Job");

    private async Task<System.Text.Json.Nodes.JsonObject?> Job(string member, string ns)
    {
        using var api = KubeApi.FromKubeconfig(fixture.Clusters.Kubeconfig(member), fixture.Loader);
        return await api.GetAsync(Kind, ns, "crunch", CancellationToken.None);
    }
}
