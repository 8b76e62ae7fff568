using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Dce.ServiceDefaults.Api;

/// <summary>Applies a <see cref="ListQuery"/> to a query or a sequence and answers one page.</summary>
public static class ListExtensions
{
    /// <summary>A 400 ProblemDetails for an invalid list query, or null when it is valid.</summary>
    public static IResult? ValidationProblem<T>(this ListQuery query, ListSorting<T> sorting)
    {
        var errors = query.Validate(sorting.Fields);
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The list query is invalid.");
    }

    /// <summary>Filters, counts, sorts and pages a database query in two round trips.</summary>
    public static async Task<ListResponse<T>> ToPageAsync<T>(this IQueryable<T> source, ListQuery query, ListSorting<T> sorting, CancellationToken cancellationToken = default)
    {
        var filtered = Filter(source, query, sorting);
        var total = await filtered.CountAsync(cancellationToken);
        var items = await Order(filtered, query, sorting)
            .Skip((query.PageNumber - 1) * query.Size)
            .Take(query.Size)
            .ToListAsync(cancellationToken);
        return new ListResponse<T>(items, Pagination.Of(total, query.PageNumber, query.Size));
    }

    /// <summary>Filters, sorts and pages items already in memory (for example objects read from a cluster).</summary>
    public static ListResponse<T> ToPage<T>(this IEnumerable<T> source, ListQuery query, ListSorting<T> sorting)
    {
        var filtered = Filter(source.AsQueryable(), query, sorting).ToList();
        var items = Order(filtered.AsQueryable(), query, sorting)
            .Skip((query.PageNumber - 1) * query.Size)
            .Take(query.Size)
            .ToList();
        return new ListResponse<T>(items, Pagination.Of(filtered.Count, query.PageNumber, query.Size));
    }

    private static IQueryable<T> Filter<T>(IQueryable<T> source, ListQuery query, ListSorting<T> sorting)
    {
        if (string.IsNullOrWhiteSpace(query.FuzzyName))
        {
            return source;
        }

        // name.ToLower().Contains(fuzzy): translated to SQL by EF, evaluated as-is in memory.
        var fuzzy = Expression.Constant(query.FuzzyName.Trim().ToLowerInvariant());
        var lowered = Expression.Call(sorting.Name.Body, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var contains = Expression.Call(lowered, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, fuzzy);
        return source.Where(Expression.Lambda<Func<T, bool>>(contains, sorting.Name.Parameters));
    }

    private static IOrderedQueryable<T> Order<T>(IQueryable<T> source, ListQuery query, ListSorting<T> sorting)
    {
        var key = sorting.KeyOf(query.SortBy);
        var ordered = query.Descending ? source.OrderByDescending(key) : source.OrderBy(key);
        var tieBreaker = sorting.KeyOf(null);
        return key == tieBreaker ? ordered : ordered.ThenBy(tieBreaker);
    }
}
