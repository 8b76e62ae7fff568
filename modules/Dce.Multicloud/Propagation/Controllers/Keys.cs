namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>Queue keys of namespaced objects: <c>namespace/name</c>.</summary>
public static class Keys
{
    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
