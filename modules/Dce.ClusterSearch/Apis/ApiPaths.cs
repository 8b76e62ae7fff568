namespace Dce.ClusterSearch.Apis;

/// <summary>The module's API group, as Clusterpedia names it.</summary>
internal static class ApiPaths
{
    public const string Group = "/apis/clusterpedia.io/v1beta1";
    public const string Resources = Group + "/resources";
    public const string CollectionResources = Group + "/collectionresources";
}
