namespace Dce.ContainerManagement.Apis;

/// <summary>Container Management's API root, as DCE 5.0 names it.</summary>
public static class ApiPaths
{
    public const string V1Alpha1 = "/apis/kpanda.io/v1alpha1";
}
