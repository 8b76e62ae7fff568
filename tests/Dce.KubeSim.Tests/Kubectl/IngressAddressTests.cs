using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

/// <summary>The simulated ingress controller publishes its address on every Ingress, as a real one does.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class IngressAddressTests(KubeSimServer server)
{
    [Fact]
    public async Task A_created_Ingress_gets_the_ingress_controller_address_and_kubectl_shows_it()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("ingress");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.ApplyAsync($"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
              namespace: {ns}
            spec:
              rules:
              - host: web.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
            """);

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "ingress", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}") == "127.0.0.1",
            "the Ingress carries the ingress controller's address");
        var table = await kubectl.OkAsync("-n", ns, "get", "ingress", "web");
        Assert.Contains("ADDRESS", table, StringComparison.Ordinal);
        Assert.Contains("web.example.com", table, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", table, StringComparison.Ordinal);
    }
}
