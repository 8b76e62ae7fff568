using System.Collections.Concurrent;
using Dce.Kubernetes.Kubeconfigs;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Instances;

/// <summary>
/// The Karmada control planes this module manages (<c>Multicloud:Instances</c>). A plane's kubeconfig is read and checked
/// the first time it is used, and kept only once it opened, so an instance whose API server starts later is found then.
/// </summary>
internal sealed class ControlPlanes(IOptions<MulticloudOptions> options, KubeconfigLoader loader)
{
    private readonly ConcurrentDictionary<string, ControlPlane> _opened = new(StringComparer.Ordinal);

    public IReadOnlyList<InstanceOptions> All => options.Value.Instances;

    public InstanceOptions? Settings(string name) => All.FirstOrDefault(i => i.Name == name);

    /// <summary>The plane named <paramref name="name"/>, or null when no instance has that name.</summary>
    public ControlPlane? Find(string name)
    {
        if (_opened.TryGetValue(name, out var plane))
        {
            return plane;
        }

        return Settings(name) is { } settings ? _opened.GetOrAdd(name, _ => Open(settings)) : null;
    }

    private ControlPlane Open(InstanceOptions settings)
    {
        var kubeconfig = File.Exists(settings.KubeconfigPath)
            ? File.ReadAllText(settings.KubeconfigPath)
            : throw new InstanceUnavailableException($"Instance {settings.Name} cannot be reached yet: its kubeconfig is not written.");
        if (!loader.TryLoad(kubeconfig, out var loaded, out var error))
        {
            throw new InstanceUnavailableException($"Instance {settings.Name} cannot be reached: its kubeconfig is refused ({error}).");
        }

        return new ControlPlane(settings, new k8s.Kubernetes(loaded.Configuration));
    }
}
