namespace Dce.Multicloud.Apis.Promotion;

/// <summary>DCE's body of a promotion: the Services that go with the workload, by name, from the same namespace.</summary>
internal sealed record PromoteBody(IReadOnlyList<string>? Services);
