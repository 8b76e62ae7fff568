namespace Dce.Insight.Apis;

/// <summary>The module's API group, as DCE's Insight names it.</summary>
internal static class InsightPaths
{
    public const string Group = "/apis/insight.io/v1alpha1";
}
