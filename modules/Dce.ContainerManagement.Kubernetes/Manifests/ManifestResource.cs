using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>How to create, read, replace and delete one kind a manifest may hold.</summary>
internal sealed record ManifestResource(
    Type ModelType,
    string ApiVersion,
    string Kind,
    bool Namespaced,
    Func<string, IKubernetesObject<V1ObjectMeta>> FromJson,
    Func<IKubernetes, IKubernetesObject<V1ObjectMeta>, string, CancellationToken, Task> Create,
    Func<IKubernetes, string, string, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> Read,
    Func<IKubernetes, IKubernetesObject<V1ObjectMeta>, string, CancellationToken, Task> Replace,
    Func<IKubernetes, string, string, CancellationToken, Task> Delete);
