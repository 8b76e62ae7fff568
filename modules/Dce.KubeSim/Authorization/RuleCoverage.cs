namespace Dce.KubeSim.Authorization;

/// <summary>Whether the rules a user holds cover the rules they try to grant, and which parts they do not.</summary>
public static class RuleCoverage
{
    /// <summary>The parts of <paramref name="requested"/> no rule in <paramref name="held"/> covers, compacted.</summary>
    public static IReadOnlyList<PolicyRule> Uncovered(IReadOnlyList<PolicyRule> held, IEnumerable<PolicyRule> requested)
    {
        var missing = Atomize(requested).Where(atom => !held.Any(owner => Covers(owner, atom))).ToList();
        return missing
            .GroupBy(r => string.Join("|", r.ApiGroups) + "#" + string.Join("|", r.Resources) + "#" + string.Join("|", r.ResourceNames) + "#" + string.Join("|", r.NonResourceUrls), StringComparer.Ordinal)
            .Select(g => g.First() with { Verbs = g.SelectMany(r => r.Verbs).Distinct(StringComparer.Ordinal).ToList() })
            .ToList();
    }

    private static IEnumerable<PolicyRule> Atomize(IEnumerable<PolicyRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var verb in rule.Verbs)
            {
                foreach (var url in rule.NonResourceUrls)
                {
                    yield return new PolicyRule([verb], [], [], [], [url]);
                }
                foreach (var group in rule.ApiGroups)
                {
                    foreach (var resource in rule.Resources)
                    {
                        if (rule.ResourceNames.Count == 0)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [], []);
                        }
                        foreach (var name in rule.ResourceNames)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [name], []);
                        }
                    }
                }
            }
        }
    }

    private static bool Covers(PolicyRule owner, PolicyRule atom)
    {
        if (!(owner.Verbs.Contains(PolicyRule.All) || owner.Verbs.Contains(atom.Verbs[0])))
        {
            return false;
        }
        if (atom.NonResourceUrls.Count > 0)
        {
            var url = atom.NonResourceUrls[0];
            return owner.NonResourceUrls.Any(o => o == PolicyRule.All || o == url || (o.EndsWith('*') && url.StartsWith(o[..^1], StringComparison.Ordinal)));
        }
        if (!(owner.ApiGroups.Contains(PolicyRule.All) || owner.ApiGroups.Contains(atom.ApiGroups[0])))
        {
            return false;
        }
        var resource = atom.Resources[0];
        var resourceCovered = owner.Resources.Contains(PolicyRule.All) || owner.Resources.Contains(resource)
            || (resource.Split('/') is [var main, var sub] && (owner.Resources.Contains(main + "/*") || owner.Resources.Contains("*/" + sub)));
        if (!resourceCovered)
        {
            return false;
        }
        return owner.ResourceNames.Count == 0 || (atom.ResourceNames.Count > 0 && owner.ResourceNames.Contains(atom.ResourceNames[0]));
    }
}
