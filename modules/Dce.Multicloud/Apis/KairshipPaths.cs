namespace Dce.Multicloud.Apis;

/// <summary>Where DCE 5.0's kairship API lives.</summary>
internal static class KairshipPaths
{
    public const string Root = "/apis/kairship.io/v1alpha1";
    public const string Instance = Root + "/instances/{instance}";
    public const string Namespace = Instance + "/namespaces/{namespace}";
}
