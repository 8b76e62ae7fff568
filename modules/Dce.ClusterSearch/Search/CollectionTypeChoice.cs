using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// The types a collection search covers: those of a predefined collection, or for <see cref="ResourceCollections.Any"/>
/// the ones the caller names with <c>groups=apps,batch</c> and <c>resources=apps/deployments,core/pods</c>.
/// </summary>
internal static class CollectionTypeChoice
{
    private const string Groups = "groups";
    private const string Resources = "resources";

    public static IReadOnlyList<ResourceType> Choose(string collection, IReadOnlyList<ResourceType> types, IQueryCollection query)
    {
        var groups = Values(query, Groups);
        var resources = Values(query, Resources);
        if (collection != ResourceCollections.Any)
        {
            return groups.Count + resources.Count == 0 ? types
                : throw new SearchQueryException(groups.Count > 0 ? Groups : Resources,
                    $"{Groups} and {Resources} choose the types of '{ResourceCollections.Any}' only; '{collection}' searches its own types");
        }

        if (groups.Count + resources.Count == 0)
        {
            throw new SearchQueryException($"{Groups} or {Resources}",
                $"'{ResourceCollections.Any}' searches the types given by {Groups} (e.g. {Groups}=apps,batch) and/or {Resources} (e.g. {Resources}=apps/deployments,core/pods)");
        }

        var chosen = new List<ResourceType>();
        foreach (var group in groups)
        {
            var ofGroup = types.Where(t => t.Group == GroupName(group)).ToList();
            chosen.AddRange(ofGroup.Count > 0 ? ofGroup
                : throw new SearchQueryException(Groups, $"nothing of group '{group}' is indexed; indexed types are set in {ClusterSearchOptions.Section}:Resources"));
        }

        foreach (var item in resources)
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                throw new SearchQueryException(Resources, $"'{item}' is not group/resource such as apps/deployments or core/pods");
            }

            var (group, resource) = (GroupName(item[..slash]), item[(slash + 1)..]);
            chosen.Add(types.FirstOrDefault(t => t.Group == group && t.Resource == resource)
                ?? throw new SearchQueryException(Resources, $"{item} is not indexed; indexed types are set in {ClusterSearchOptions.Section}:Resources"));
        }

        return [.. chosen.Distinct()];
    }

    private static string GroupName(string group) => group == "core" ? "" : group;

    private static List<string> Values(IQueryCollection query, string name) =>
        [.. query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
