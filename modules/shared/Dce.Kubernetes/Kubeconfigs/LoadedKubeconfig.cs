using k8s;

namespace Dce.Kubernetes.Kubeconfigs;

/// <summary>A kubeconfig that passed the checks: the client configuration, already bound to the outbound policy, and which field names its server.</summary>
public sealed record LoadedKubeconfig(KubernetesClientConfiguration Configuration, string ServerField);
