namespace Dce.Multicloud;

/// <summary>Multicloud Management's settings (<c>Multicloud</c>).</summary>
public sealed class MulticloudOptions
{
    public const string Section = "Multicloud";

    /// <summary>The Karmada control planes this module manages; the AppHost adds the embedded one.</summary>
    public List<InstanceOptions> Instances { get; set; } = [];
}

/// <summary>One Karmada control plane.</summary>
public sealed class InstanceOptions
{
    public string Name { get; set; } = "";

    /// <summary>File holding the kubeconfig of the instance's API server (read at start; never returned by the API).</summary>
    public string KubeconfigPath { get; set; } = "";

    /// <summary>True: this module's engine schedules and propagates (an embedded control plane). False: a real Karmada does, and the module only writes and reads its objects.</summary>
    public bool Embedded { get; set; } = true;

    public string Alias { get; set; } = "";
}
