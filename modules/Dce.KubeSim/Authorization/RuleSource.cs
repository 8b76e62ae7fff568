namespace Dce.KubeSim.Authorization;

/// <summary>Rules a user holds through one binding, and how the RBAC authorizer names that binding when it allows.</summary>
public sealed record RuleSource(string Description, IReadOnlyList<PolicyRule> Rules);
