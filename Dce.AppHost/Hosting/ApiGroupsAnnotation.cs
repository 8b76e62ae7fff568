namespace Dce.AppHost.Hosting;

/// <summary>The API groups (<c>ghippo.io</c>, <c>kpanda.io</c>...) a module owns; the gateway routes <c>/apis/&lt;group&gt;/...</c> from these.</summary>
public sealed record ApiGroupsAnnotation(IReadOnlyList<string> Groups) : IResourceAnnotation;
