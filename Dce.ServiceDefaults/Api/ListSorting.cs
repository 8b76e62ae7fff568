using System.Linq.Expressions;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// The fields a list can be sorted by and how its items match <c>fuzzyName</c>: declared once per resource,
/// applied the same way to a database query or to items already in memory.
/// </summary>
public sealed class ListSorting<T>
{
    private readonly Dictionary<string, Expression<Func<T, object?>>> _fields = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a definition whose default order is <paramref name="defaultField"/>.</summary>
    public ListSorting(string defaultField, Expression<Func<T, object?>> key, Expression<Func<T, string>> name)
    {
        DefaultField = defaultField;
        Name = name;
        _fields[defaultField] = key;
    }

    /// <summary>The field used when the caller names none.</summary>
    public string DefaultField { get; }

    /// <summary>The text <c>fuzzyName</c> is matched against.</summary>
    public Expression<Func<T, string>> Name { get; }

    /// <summary>The names callers may pass as <c>sortBy</c>.</summary>
    public IReadOnlyCollection<string> Fields => _fields.Keys;

    /// <summary>Adds a sortable field.</summary>
    public ListSorting<T> By(string field, Expression<Func<T, object?>> key)
    {
        _fields[field] = key;
        return this;
    }

    internal Expression<Func<T, object?>> KeyOf(string? field) => _fields[field ?? DefaultField];
}
