
namespace Dce.KubeSim.Clusters;

/// <summary>The system workloads every cluster runs in kube-system: coredns, kube-proxy and metrics-server.</summary>
public static class SystemWorkloads
{
    public static void Create(SimulatedCluster cluster)
    {
        var objects = cluster.Objects;
        objects.Create(cluster.Type("apps", "deployments"), "kube-system", ClusterBootstrap.Parse("""
            {"metadata":{"name":"coredns","labels":{"k8s-app":"kube-dns"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"k8s-app":"kube-dns"}},
               "template":{"metadata":{"labels":{"k8s-app":"kube-dns"}},
                 "spec":{"priorityClassName":"system-cluster-critical","tolerations":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}],
                   "containers":[{"name":"coredns","image":"registry.k8s.io/coredns/coredns:v1.11.3",
                     "resources":{"requests":{"cpu":"100m","memory":"70Mi"},"limits":{"memory":"170Mi"}},
                     "ports":[{"name":"dns","containerPort":53,"protocol":"UDP"},{"name":"metrics","containerPort":9153,"protocol":"TCP"}]}]}}}}
            """));
        objects.Create(cluster.Type("apps", "daemonsets"), "kube-system", ClusterBootstrap.Parse("""
            {"metadata":{"name":"kube-proxy","labels":{"k8s-app":"kube-proxy"}},
             "spec":{"selector":{"matchLabels":{"k8s-app":"kube-proxy"}},
               "template":{"metadata":{"labels":{"k8s-app":"kube-proxy"}},
                 "spec":{"tolerations":[{"operator":"Exists"}],
                   "containers":[{"name":"kube-proxy","image":"registry.k8s.io/kube-proxy:v1.32.2","resources":{"requests":{"cpu":"10m"}}}]}}}}
            """));
        objects.Create(cluster.Type("apps", "deployments"), "kube-system", ClusterBootstrap.Parse("""
            {"metadata":{"name":"metrics-server","labels":{"k8s-app":"metrics-server"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"k8s-app":"metrics-server"}},
               "template":{"metadata":{"labels":{"k8s-app":"metrics-server"}},
                 "spec":{"containers":[{"name":"metrics-server","image":"registry.k8s.io/metrics-server/metrics-server:v0.7.2",
                   "resources":{"requests":{"cpu":"100m","memory":"200Mi"}}}]}}}}
            """));
        objects.Create(cluster.Type("", "services"), "kube-system", ClusterBootstrap.Parse("""
            {"metadata":{"name":"kube-dns","labels":{"k8s-app":"kube-dns"}},
             "spec":{"clusterIP":"10.96.0.10","selector":{"k8s-app":"kube-dns"},
               "ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]}}
            """));
    }
}
