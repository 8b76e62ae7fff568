namespace Dce.ClusterSearch.Model;

/// <summary>A kind of object the module indexes: its API group (empty for the core group), version, plural resource name and kind.</summary>
public sealed record ResourceType(string Group, string Version, string Resource, string Kind, bool Namespaced)
{
    /// <summary><c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Where the collection is on a cluster's API: <c>api/v1/pods</c> or <c>apis/apps/v1/deployments</c>.</summary>
    public string CollectionPath => Group.Length == 0 ? $"api/{Version}/{Resource}" : $"apis/{Group}/{Version}/{Resource}";

    /// <summary>Only metadata of these objects is kept: their values are secret.</summary>
    public bool KeepsMetadataOnly => Group.Length == 0 && Resource == "secrets";

    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
