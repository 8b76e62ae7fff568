using Dce.GlobalManagement.Model;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// Whether roles held cover everything a role grants, with wildcards and exclusions compared exactly: holding
/// <c>*:*:*</c> covers anything, holding <c>ghippo:users:*</c> does not cover <c>*:*:*</c>.
/// </summary>
/// <remarks>
/// A permission only ever compares a field with the names the roles spell out or with <c>*</c>, so every module (resource
/// type, action) behaves like one of those names or like a name none of them spells. Trying each such combination inside
/// a granted permission decides coverage exactly, with no guessing about names that exist.
/// </remarks>
public static class PermissionCoverage
{
    // No module, resource type or action is ever named this (names are DNS labels), so it stands for every unnamed one.
    private const string Unnamed = "\0";

    /// <summary>The permissions of <paramref name="granted"/> that the <paramref name="held"/> roles do not wholly grant.</summary>
    public static IReadOnlyList<Permission> Uncovered(IReadOnlyCollection<Role> held, Role granted)
    {
        var everyRule = held.Append(granted).SelectMany(r => r.Permissions.Concat(r.Exclusions)).ToList();
        var modules = Names(everyRule, p => p.Module);
        var resourceTypes = Names(everyRule, p => p.ResourceType);
        var actions = Names(everyRule, p => p.Action);
        return
        [
            .. granted.Permissions.Where(permission =>
                (from module in Within(permission.Module, modules)
                 from resourceType in Within(permission.ResourceType, resourceTypes)
                 from action in Within(permission.Action, actions)
                 where granted.Allows(module, resourceType, action) && !held.Any(r => r.Allows(module, resourceType, action))
                 select true).Any()),
        ];
    }

    private static List<string> Names(List<Permission> rules, Func<Permission, string> field) =>
        [.. rules.Select(field).Where(n => n != Permission.Any).Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Append(Unnamed)];

    private static IEnumerable<string> Within(string field, List<string> names) => field == Permission.Any ? names : [field];
}
