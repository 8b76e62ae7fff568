using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>The Ingress of a workload with an external endpoint (the gateway); overlays set the class and annotations.</summary>
public static class IngressFactory
{
    /// <summary>The Ingress routing every path to <paramref name="workload"/>'s external port.</summary>
    public static V1Ingress Create(Workload workload)
    {
        var port = workload.Ports.First(candidate => candidate.External);
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1", Kind = "Ingress",
            Metadata = Meta.Of(workload.Name, workload.Name, "gateway"),
            Spec = new V1IngressSpec
            {
                Rules =
                [
                    new V1IngressRule
                    {
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend { Name = workload.Name, Port = new V1ServiceBackendPort { Name = port.Name } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
