using k8s;
using k8s.Models;
using static Dce.ContainerManagement.Tests.Contract.KpandaContract;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// What a cluster offers: the groups of its custom resource definitions, its preferred resources, its ingress classes
/// (one made for the walk, as an ingress controller installs it), the storage classes to claim from, and the feature gates.
/// </summary>
internal sealed class DiscoveryWalk : IContractWalkStep
{
    private const string IngressClass = "walk-nginx";

    public int Order => 30;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var definitions = $"{target.ClusterPath}/customresourcedefinitions";
        await walk.CallAsync(HttpMethod.Post, definitions, Data(CustomResourceDefinitions.Of("discovery.walk.dce.io", "probes", "Probe", "v1")));
        using var kube = target.Fixture.Kube();
        await kube.NetworkingV1.CreateIngressClassAsync(new V1IngressClass
        {
            Metadata = new V1ObjectMeta { Name = IngressClass, Annotations = new Dictionary<string, string> { ["ingressclass.kubernetes.io/is-default-class"] = "true" } },
            Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" },
        });
        try
        {
            await walk.GetAsync($"{target.ClusterPath}/crd-groups");
            await walk.GetAsync($"{target.ClusterPath}/preferredresources");
            await walk.GetAsync($"{target.ClusterPath}/preferredresources?namespaced=false");
            await walk.GetAsync($"{target.ClusterPath}/ingressclasssummary?namespace={target.Namespace}");
            await walk.GetAsync($"{target.ClusterPath}/accessiblestorageclasses?pageSize=5");
            await walk.GetAsync($"{Root}/featuregates");
        }
        finally
        {
            await kube.NetworkingV1.DeleteIngressClassAsync(IngressClass);
            await walk.DeleteAsync($"{definitions}/probes.discovery.walk.dce.io");
        }
    }
}
