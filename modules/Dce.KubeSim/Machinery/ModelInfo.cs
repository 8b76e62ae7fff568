using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Dce.KubeSim.Machinery;

/// <summary>What a KubernetesClient model type looks like on the wire, read once by reflection.</summary>
public static class ModelInfo
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Cache = new();

    public static IReadOnlyDictionary<string, Type> Properties(Type type) => Cache.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .GroupBy(p => p.Name!)
            .ToDictionary(g => g.Key, g => g.First().PropertyType, StringComparer.Ordinal));

    public static WireShape ShapeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(byte[]))
        {
            return WireShape.String;
        }
        if (type == typeof(bool))
        {
            return WireShape.Boolean;
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float))
        {
            return WireShape.Number;
        }
        if (type == typeof(IntOrString) || type == typeof(ResourceQuantity))
        {
            return WireShape.StringOrNumber;
        }
        if (DictionaryValue(type) is not null)
        {
            return WireShape.Map;
        }
        if (ListItem(type) is not null)
        {
            return WireShape.Array;
        }
        return type == typeof(object) || type.Namespace != "k8s.Models" ? WireShape.Any : WireShape.Object;
    }

    public static Type? ListItem(Type type) => type.IsGenericType && type.GetGenericArguments().Length == 1 &&
        typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(string)
            ? type.GetGenericArguments()[0]
            : null;

    public static Type? DictionaryValue(Type type) => type.IsGenericType && type.GetGenericArguments().Length == 2 &&
        type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
}

/// <summary>The JSON shape a model property takes.</summary>
public enum WireShape
{
    String,
    Boolean,
    Number,
    StringOrNumber,
    Map,
    Array,
    Object,
    Any,
}
