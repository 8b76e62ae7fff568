using System.Globalization;
using System.Text;
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

    /// <summary>The query; the path's cluster, namespace and name (get by name) take the place of the parameters.</summary>
    public static SearchQuery Parse(IQueryCollection query, string? routeCluster, string? routeNamespace, string? routeName, ClusterSearchOptions options)
    {
        var clusters = routeCluster is null ? List(query, "clusters", "search.clusterpedia.io/clusters") : [routeCluster];
        var namespaces = routeNamespace is null ? List(query, "namespaces", "search.clusterpedia.io/namespaces") : [routeNamespace];
        var limit = Integer(query, "limit") ?? options.DefaultLimit;
        if (limit < 1 || limit > options.MaxLimit)
        {
            throw new SearchQueryException("limit", $"limit must be between 1 and {options.MaxLimit}");
        }

        return new SearchQuery(
            clusters,
            namespaces,
            routeName is null ? List(query, "names", "search.clusterpedia.io/names") : [routeName],
            Labels(query),
            List(query, "fuzzyName", "search.clusterpedia.io/fuzzy-name"),
            Single(query, "ownerUID", "search.clusterpedia.io/owner-uid"),
            Single(query, "ownerName", "search.clusterpedia.io/owner-name"),
            Time(query, "since", "search.clusterpedia.io/since"),
            Time(query, "before", "search.clusterpedia.io/before"),
            Order(query),
            limit,
            Continue(query),
            Single(query, "withRemainingCount") is { } remaining && Boolean("withRemainingCount", remaining),
            routeName is not null);
    }

    /// <summary>The offset a continue token carries (Clusterpedia's tokens are offsets as well).</summary>
    public static string ContinueToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    private static int Continue(IQueryCollection query)
    {
        if (Single(query, "continue") is not { Length: > 0 } token)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new SearchQueryException("continue", "continue must be a token from a previous answer's metadata.continue");
        }
    }

    private static List<LabelRequirement> Labels(IQueryCollection query)
    {
        var requirements = new List<LabelRequirement>();
        foreach (var selector in query["labelSelector"])
        {
            try
            {
                requirements.AddRange(LabelSelector.Parse(selector).Requirements);
            }
            catch (FormatException error)
            {
                throw new SearchQueryException("labelSelector", $"labelSelector is invalid: {error.Message}");
            }
        }

        return requirements;
    }

    private static List<SearchOrder> Order(IQueryCollection query)
    {
        var orders = new List<SearchOrder>();
        foreach (var item in List(query, "orderby", "search.clusterpedia.io/orderby"))
        {
            var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is 0 or > 2 || !OrderColumns.TryGetValue(parts[0], out var column) ||
                (parts.Length == 2 && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SearchQueryException("orderby", $"cannot order by '{item}': use cluster, namespace, name or created_at, optionally followed by ' desc'");
            }

            orders.Add(new SearchOrder(column, parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)));
        }

        return orders;
    }

    private static List<string> List(IQueryCollection query, params string[] names) =>
        [.. names.SelectMany(n => query[n]).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static string? Single(IQueryCollection query, params string[] names)
    {
        var values = names.Select(n => query[n]).Where(v => !StringValues.IsNullOrEmpty(v)).SelectMany(v => v).ToList();
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new SearchQueryException(names[0], $"{names[0]} may be given once"),
        };
    }

    private static int? Integer(IQueryCollection query, string name) =>
        Single(query, name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new SearchQueryException(name, $"{name} must be a whole number");

    private static DateTimeOffset? Time(IQueryCollection query, params string[] names) =>
        Single(query, names) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime()
        : throw new SearchQueryException(names[0], $"{names[0]} must be a time such as 2026-01-31T12:00:00Z");

    private static bool Boolean(string name, string text) =>
        bool.TryParse(text, out var value) ? value : throw new SearchQueryException(name, $"{name} must be true or false");
}
