using System.Globalization;
using Dce.Kubernetes.Selectors;
using Microsoft.Extensions.Primitives;

namespace Dce.ClusterSearch.Search;

/// <summary>Reads Clusterpedia's query parameters (and their <c>search.clusterpedia.io/</c> label-style aliases) into a <see cref="SearchQuery"/>.</summary>
internal static class SearchQueryParser
{
    private static readonly Dictionary<string, string> OrderColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cluster"] = "cluster",
        ["namespace"] = "namespace",
        ["name"] = "name",
        ["created_at"] = "created_at",
        ["creationTimestamp"] = "created_at",
        ["creationtime"] = "created_at",
    };

    /// <summary>
    /// The query; the path's cluster, namespace and name (get by name) take the place of the parameters. A search of
    /// <paramref name="severalTypes"/> at once orders by type as well, which its continue tokens carry.
    /// </summary>
    public static SearchQuery Parse(IQueryCollection query, string? routeCluster, string? routeNamespace, string? routeName, ClusterSearchOptions options,
        bool severalTypes = false)
    {
        var (labels, search) = Labels(query);
        var clusters = routeCluster is null ? List(query, search, "clusters", SearchLabels.Clusters) : [routeCluster];
        var namespaces = routeNamespace is null ? List(query, search, "namespaces", SearchLabels.Namespaces) : [routeNamespace];
        var limit = Integer(query, "limit") ?? options.DefaultLimit;
        if (limit < 1 || limit > options.MaxLimit)
        {
            throw new SearchQueryException("limit", $"limit must be between 1 and {options.MaxLimit}");
        }

        var order = Order(query, search);
        var after = Continue(query);
        if (after is not null && after.Order != SearchOrder.Signature(SearchOrder.Effective(order, severalTypes)))
        {
            throw new SearchQueryException("continue", "continue belongs to a search with another order; ask again without it");
        }

        return new SearchQuery(
            clusters,
            namespaces,
            routeName is null ? List(query, search, "names", SearchLabels.Names) : [routeName],
            labels,
            List(query, search, "fuzzyName", SearchLabels.FuzzyName),
            Single(query, search, "ownerUID", SearchLabels.OwnerUid),
            Single(query, search, "ownerName", SearchLabels.OwnerName),
            Time(query, search, "since", SearchLabels.Since),
            Time(query, search, "before", SearchLabels.Before),
            order,
            limit,
            after,
            Single(query, [], "withRemainingCount") is { } remaining && Boolean("withRemainingCount", remaining),
            routeName is not null);
    }

    private static SearchPosition? Continue(IQueryCollection query) =>
        Single(query, [], "continue") is not { Length: > 0 } token ? null
        : SearchPosition.FromToken(token) ?? throw new SearchQueryException("continue", "continue must be a token from a previous answer's metadata.continue");

    // Clusterpedia's conditions may also be written as labels in the selector (`search.clusterpedia.io/clusters in (a,b)`), as
    // kubectl can only send a label selector; they are taken out of it and read like their parameters.
    private static (List<LabelRequirement> Labels, Dictionary<string, List<string>> Search) Labels(IQueryCollection query)
    {
        var requirements = new List<LabelRequirement>();
        var search = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var selector in query["labelSelector"])
        {
            try
            {
                foreach (var requirement in LabelSelector.Parse(selector).Requirements)
                {
                    if (!requirement.Key.StartsWith(SearchLabels.Prefix, StringComparison.Ordinal))
                    {
                        requirements.Add(requirement);
                    }
                    else if (requirement.Operator is LabelOperator.Equals or LabelOperator.In && SearchLabels.All.Contains(requirement.Key))
                    {
                        search.TryAdd(requirement.Key, []);
                        search[requirement.Key].AddRange(requirement.Values);
                    }
                    else
                    {
                        throw new SearchQueryException("labelSelector",
                            $"{requirement.Key} takes '=' or 'in'; the search labels are {string.Join(", ", SearchLabels.All)}");
                    }
                }
            }
            catch (FormatException error)
            {
                throw new SearchQueryException("labelSelector", $"labelSelector is invalid: {error.Message}");
            }
        }

        return (requirements, search);
    }

    private static List<SearchOrder> Order(IQueryCollection query, Dictionary<string, List<string>> search)
    {
        var orders = new List<SearchOrder>();
        foreach (var item in List(query, search, "orderby", SearchLabels.OrderBy))
        {
            // A label value cannot hold a space: there `dsc.name` is `name desc`.
            var parts = item.StartsWith(SearchLabels.Descending, StringComparison.Ordinal)
                ? [item[SearchLabels.Descending.Length..], "desc"]
                : item.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is 0 or > 2 || !OrderColumns.TryGetValue(parts[0], out var column) ||
                (parts.Length == 2 && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SearchQueryException("orderby", $"cannot order by '{item}': use cluster, namespace, name or created_at, optionally followed by ' desc'");
            }

            orders.Add(new SearchOrder(column, parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)));
        }

        return orders;
    }

    private static List<string> List(IQueryCollection query, Dictionary<string, List<string>> search, string parameter, string label) =>
        [.. new[] { parameter, label }.SelectMany(n => query[n]).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(search.GetValueOrDefault(label, [])).Distinct(StringComparer.Ordinal)];

    private static string? Single(IQueryCollection query, Dictionary<string, List<string>> search, params string[] names)
    {
        var values = names.Select(n => query[n]).Where(v => !StringValues.IsNullOrEmpty(v)).SelectMany(v => v)
            .Concat(names.SelectMany(n => search.GetValueOrDefault(n, []))).ToList();
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new SearchQueryException(names[0], $"{names[0]} may be given once"),
        };
    }

    private static int? Integer(IQueryCollection query, string name) =>
        Single(query, [], name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new SearchQueryException(name, $"{name} must be a whole number");

    private static DateTimeOffset? Time(IQueryCollection query, Dictionary<string, List<string>> search, params string[] names) =>
        Single(query, search, names) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime()
        : throw new SearchQueryException(names[0], $"{names[0]} must be a time such as 2026-01-31T12:00:00Z");

    private static bool Boolean(string name, string text) =>
        bool.TryParse(text, out var value) ? value : throw new SearchQueryException(name, $"{name} must be true or false");
}
