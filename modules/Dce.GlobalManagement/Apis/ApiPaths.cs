namespace Dce.GlobalManagement.Apis;

/// <summary>Where Global Management's API lives: DCE 5.0's <c>ghippo.io</c> group.</summary>
public static class ApiPaths
{
    public const string V1Alpha1 = "/apis/ghippo.io/v1alpha1";
    public const string V1Alpha3 = "/apis/ghippo.io/v1alpha3";
}
