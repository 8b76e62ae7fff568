namespace Dce.Multicloud.Engine.Policies;

/// <summary>How specifically a policy's resource selectors match a template; a higher value is more specific.</summary>
public enum ImplicitPriority
{
    Mismatch = 0,
    MatchAll = 1,
    MatchLabelSelector = 2,
    MatchName = 3,
}
